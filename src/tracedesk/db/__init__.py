"""Storage: SQLAlchemy models, the engine and its migrations, the event log and genealogy queries."""
