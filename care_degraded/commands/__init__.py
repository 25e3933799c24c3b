"""Command-line subcommands, one module per area; assembled by care_degraded.cli."""
