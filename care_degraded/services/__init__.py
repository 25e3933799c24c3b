"""Use cases: the one API that the interface and the command line call."""
