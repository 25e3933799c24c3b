"""Plain domain objects: no I/O, no Qt, no SQL."""
