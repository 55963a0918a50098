"""Where TraceDesk keeps its files: the platform's user directories, or TRACEDESK_HOME."""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from tracedesk.core.records import NamedTuple

APP_NAME = "TraceDesk"
DB_FILE_NAME = "tracedesk.sqlite3"


class AppPaths(NamedTuple):
    """Every directory the application writes to.

    A named tuple rather than a frozen dataclass: every command line starts with it, and a
    script's read should not pay for the dataclasses module (see commands._quick).
    """

    data_dir: Path
    config_dir: Path
    log_dir: Path
    backup_dir: Path

    @classmethod
    def from_environment(cls, environ: os._Environ[str] | dict[str, str] | None = None) -> AppPaths:
        """TRACEDESK_HOME moves everything under one folder (tests use it); else platformdirs."""
        env = os.environ if environ is None else environ
        home = env.get("TRACEDESK_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(root / "data", root / "config", root / "logs", root / "backups")
        # Here, not at the top: platformdirs brings tempfile and shutil with it, which a script's
        # `trace --json` under TRACEDESK_HOME never needs.
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        data = Path(dirs.user_data_dir)
        return cls(data, Path(dirs.user_config_dir), Path(dirs.user_log_dir), data / "backups")

    def ensure(self) -> AppPaths:
        """Create the directories (idempotent) and return self."""
        for path in (self.data_dir, self.config_dir, self.log_dir, self.backup_dir):
            path.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def default_database(self) -> Path:
        return self.data_dir / DB_FILE_NAME

    @property
    def attachments_dir(self) -> Path:
        """Files kept with complaints and inspections (their events record paths relative to it)."""
        return self.data_dir / "attachments"


def database_url(explicit: str | None, paths: AppPaths, environ: dict[str, str] | None = None) -> str:
    """`--db` wins, then TRACEDESK_DB, then the file in the data directory; a path becomes a URL."""
    env = os.environ if environ is None else environ
    value = explicit or env.get("TRACEDESK_DB") or str(paths.default_database)
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())
