"""One settings class for the whole app, read from the environment (prefix NILAI_)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """Follow the XDG convention so the database survives reinstalling the app."""
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "nilai"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NILAI_", extra="ignore")

    # DATABASE_URL is the conventional name for a team server; NILAI_DATABASE_URL also works.
    database_url: str | None = Field(default=None, validation_alias=AliasChoices("DATABASE_URL", "NILAI_DATABASE_URL"))
    data_dir: Path = Field(default_factory=default_data_dir)
    default_language: Literal["id", "en"] = "id"
    seed_sample: bool = True
    trash_retention_days: int = 30
    live_poll_seconds: float = 1.0
    # Who may open the workspace (every project, Home): this computer's own browser when
    # trust_local is on, and any device that presents workspace_key. Participants and
    # students reach only their workshop or group project, through their own tokens.
    workspace_key: str | None = Field(default=None, min_length=16)
    trust_local: bool = True
    # The address participants' phones use, for join links and QR codes (for example
    # http://192.168.1.20:8501). Unset: the facilitator's own address, except that
    # localhost becomes this machine's address on the local network.
    public_url: str | None = None
    # Team server sign-in with the organisation's identity provider (OpenID Connect, through
    # Streamlit's st.login). Off unless the issuer, client id, client secret and cookie
    # secret are all set; the redirect URI is NILAI_PUBLIC_URL + /oauth2callback. The
    # issuer is its base URL (https://login.example.com/realms/x) or the full address of
    # its .well-known/openid-configuration.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_cookie_secret: str | None = Field(default=None, min_length=32)
    # For moving a key-based server over to members: with sign-in on, the workspace key
    # still opens every project while this is on. Turn it off once owners are set.
    sign_in_allow_workspace_key: bool = False
    # How many app processes share the load behind the load balancer (deploy/team.py sets
    # it): a big workshop room is spread over them, so each browser may poll that much sooner.
    app_processes: int = Field(default=1, ge=1, le=64)
    # How long an invite link works (days).
    invite_days: int = Field(default=7, ge=1, le=90)
    # Operations (issue 28). Backups go to backup_dir (default: <data_dir>/backups). With
    # backup_daily_at set ("03:00", this computer's time) the laptop app makes one a day
    # and keeps the newest backup_keep. /metrics is off unless metrics_enabled; then it
    # answers this computer, or anyone presenting metrics_token as a bearer token.
    backup_dir: Path | None = None
    backup_daily_at: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    backup_keep: int = Field(default=7, ge=1, le=365)
    metrics_enabled: bool = False
    metrics_token: str | None = Field(default=None, min_length=16)
    # Server logs as JSON lines ("json") or plain text; user text (names, notes) only when asked.
    log_format: Literal["text", "json"] = "text"
    log_user_text: bool = False

    @property
    def sign_in_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id and self.oidc_client_secret and self.oidc_cookie_secret)

    @property
    def oidc_metadata_url(self) -> str | None:
        if not self.oidc_issuer:
            return None
        issuer = self.oidc_issuer.rstrip("/")
        if issuer.endswith("/.well-known/openid-configuration"):
            return issuer
        return issuer + "/.well-known/openid-configuration"

    @property
    def oidc_redirect_uri(self) -> str | None:
        """Where the identity provider sends people back: this server's public address."""
        if not self.public_url:
            return None
        return self.public_url.rstrip("/") + "/oauth2callback"

    def sign_in_problem(self) -> str | None:
        """Why sign-in, half configured, can't start (for the start-up check)."""
        given = [self.oidc_issuer, self.oidc_client_id, self.oidc_client_secret, self.oidc_cookie_secret]
        if not any(given):
            return None
        if not all(given):
            return (
                "Sign-in needs all of NILAI_OIDC_ISSUER, NILAI_OIDC_CLIENT_ID, NILAI_OIDC_CLIENT_SECRET "
                "and NILAI_OIDC_COOKIE_SECRET (or none of them)."
            )
        if not self.public_url:
            return "Sign-in needs NILAI_PUBLIC_URL: the address people open (the sign-in comes back to it)."
        return None

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "nilai.db"

    @property
    def backup_folder(self) -> Path:
        return self.backup_dir or self.data_dir / "backups"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    @property
    def is_sqlite(self) -> bool:
        return self.effective_database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def settings_problems(error: ValidationError) -> list[str]:
    """One line per bad setting, naming its environment variable (for the start-up check)."""
    lines = []
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        variable = "DATABASE_URL" if field == "database_url" else f"NILAI_{field.upper()}"
        if field == "oidc_cookie_secret" and problem["type"] == "string_too_short":
            lines.append(f"{variable} is too short: use at least 32 random characters.")
        elif field == "workspace_key" and problem["type"] == "string_too_short":
            lines.append(f"{variable} is too short: use a key of at least 16 characters (or leave it unset).")
        else:
            lines.append(f"{variable}: {problem['msg']}")
    return lines
