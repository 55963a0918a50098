"""Alembic environment of the hub: runs on the engine `hub init` opened, its version table in the hub's schema."""

from __future__ import annotations

from alembic import context

config = context.config
engine = config.attributes.get("engine")


def run_migrations() -> None:
    if engine is None:
        context.configure(url=config.get_main_option("sqlalchemy.url"), version_table_schema="tracedesk")
        with context.begin_transaction():
            context.run_migrations()
        return
    with engine.connect() as connection:
        context.configure(connection=connection, version_table_schema="tracedesk")
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
