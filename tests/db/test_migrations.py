"""The migrations build exactly the schema the models describe (no drift between the two)."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from tracedesk.db import models
from tracedesk.db.engine import _alembic_config


def test_upgrading_an_empty_database_gives_the_models_schema(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.sqlite3'}")
    command.upgrade(_alembic_config(engine), "head")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = compare_metadata(context, models.Base.metadata)
    engine.dispose()
    assert differences == []
