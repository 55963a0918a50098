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
        context.configure(connection=connection, target_metadata=models.Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
