"""server/sign_in.py: only a same-origin page is remembered to come back to after sign-in."""

from __future__ import annotations

from core.settings import Settings
from server.sign_in import auth_secrets, safe_return_path


def test_only_a_same_origin_page_is_a_place_to_come_back_to() -> None:
    host = "nilai.example.org"
    assert (
        safe_return_path("https://nilai.example.org/canvas?project=abc&lang=en", host) == "/canvas?project=abc&lang=en"
    )
    assert safe_return_path("https://evil.example.com/canvas", host) is None
    assert safe_return_path("https://nilai.example.org//evil.example.com/x", host) is None
    assert safe_return_path("https://nilai.example.org/auth/login?provider=x", host) is None
    assert safe_return_path("javascript:alert(1)", host) is None
    assert safe_return_path(None, host) is None


def test_streamlit_gets_its_auth_section_only_when_sign_in_is_configured() -> None:
    assert auth_secrets(Settings(database_url=None)) is None
    on = Settings(
        database_url=None,
        oidc_issuer="https://idp.example.org/realms/team",
        oidc_client_id="nilai",
        oidc_client_secret="s",
        oidc_cookie_secret="c" * 32,
        public_url="https://nilai.example.org/",
    )
    section = auth_secrets(on)["auth"]
    assert section["redirect_uri"] == "https://nilai.example.org/oauth2callback"
    assert section["server_metadata_url"] == "https://idp.example.org/realms/team/.well-known/openid-configuration"
