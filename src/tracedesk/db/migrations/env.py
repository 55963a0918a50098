"""Alembic environment: runs on the engine TraceDesk opened (never from a config file URL)."""

from __future__ import annotations

from alembic import context

from tracedesk.db import models

config = context.config
engine = config.attributes.get("engine")


def run_migrations() -> None:
    if engine is None:
        url = config.get_main_option("sqlalchemy.url")
        context.configure(url=url, target_metadata=models.Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    with engine.connect() as connection:
        # SQLite changes a column by rebuilding its table (batch mode): with foreign keys on, the
        # DROP of a table other rows point at (locations, lots) fails. SQLite's own procedure:
        # foreign keys off outside the transaction, rebuild, check every reference, then on again.
        sqlite = engine.dialect.name == "sqlite"
        driver = connection.connection.driver_connection if sqlite else None
        if driver is not None:
            driver.execute("PRAGMA foreign_keys = OFF")
        try:
            context.configure(connection=connection, target_metadata=models.Base.metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
                if driver is not None:
                    # Straight to the driver: through the connection it would open a transaction
                    # that nobody ends, and the PRAGMA below would not take.
                    broken = driver.execute("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the upgrade would leave {len(broken)} broken references, first {broken[0]}")
        finally:
            if driver is not None:
                driver.execute("PRAGMA foreign_keys = ON")


run_migrations()
