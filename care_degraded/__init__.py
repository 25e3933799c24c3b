"""care_degraded: keeps a hospital ward working while its information system is down."""

__version__ = "0.1.0"
