"""All configuration in one typed class; environment variables use the TIMELINE_ prefix."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIMELINE_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_DIR / 'var' / 'timeline.db'}",
        description="SQLAlchemy URL; e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test",
    )
    max_body_bytes: int = Field(default=5_000_000, gt=0, description="largest accepted request")
    api_token: str | None = Field(default=None, description="if set, writes need this bearer token")
    host: str = "127.0.0.1"
    port: int = 8000
    demo_dir: Path = PROJECT_DIR / "demo"
    samples_dir: Path = PROJECT_DIR.parent / "shared" / "samples"


@lru_cache
def get_settings() -> Settings:
    return Settings()
