"""Run Alembic migrations programmatically (CLI and tests).

The migrations ship inside the package (timeline/migrations) and the Alembic configuration is
built here, so an installed package migrates without a checkout or an alembic.ini. The root
alembic.ini is only for the `alembic` command run from a checkout (new revisions).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config

# New revision files are named like the existing ones (the root alembic.ini says the same).
FILE_TEMPLATE = "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s"


def migrations_dir() -> Path:
    """The Alembic script directory in the installed package."""
    location = resources.files("timeline") / "migrations"
    if not isinstance(location, Path) or not (location / "env.py").is_file():
        raise RuntimeError(
            f"the migrations are not on the file system at {location}; "
            "install the timeline package unzipped"
        )
    return location


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("path_separator", "os")
    config.set_main_option("file_template", FILE_TEMPLATE)
    # Percent signs in a URL (encoded passwords) would be read as interpolation.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)
