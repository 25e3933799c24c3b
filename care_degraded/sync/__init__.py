"""Outbox, bundles, transports, receipts."""
