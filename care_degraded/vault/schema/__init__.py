"""Schema steps, one module per version."""
