"""IT side: ingestion, reconciliation, export."""
