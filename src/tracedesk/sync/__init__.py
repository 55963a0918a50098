"""Synchronisation of stations through the plant's hub (PostgreSQL): no Qt, beside `db`."""
