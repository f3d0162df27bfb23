"""Configuration from the environment: embedded defaults, and production's demands."""

import pytest

from mentoring.app import create_app
from mentoring.config import ConfigError, from_env


def test_embedded_defaults_need_nothing():
    config = from_env({})
    assert config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert config["SQLALCHEMY_DATABASE_URI"].endswith("instance/mentoring.sqlite3")
    assert config["REDIS_URL"] == ""  # jobs in-process
    assert config["MAIL_SERVER"] == ""  # e-mails to the local outbox
    assert config["MAIL_OUTBOX_DIR"].endswith("instance/outbox")
    assert config["SESSION_COOKIE_DOMAIN"] is None  # host-only cookies


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY, DATABASE_URL"),
        ({"SECRET_KEY": "s"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgresql+psycopg://x/y"}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_secrets(env, missing):
    with pytest.raises(ConfigError, match=missing):
        from_env({"MENTORING_ENV": "production", **env})


def test_production_settings_are_taken_from_the_environment():
    config = from_env(
        {
            "MENTORING_ENV": "production",
            "SECRET_KEY": "s3cret",
            "DATABASE_URL": "postgresql+psycopg://app@db/mentoring",
            "REDIS_URL": "redis://redis:6379/0",
            "MAIL_SERVER": "smtp.example.org",
            "MAIL_PORT": "465",
            "MAIL_USE_SSL": "true",
            "MENTORING_DOMAIN": "Mentoring.Example.DK",
        }
    )
    assert config["SECRET_KEY"] == "s3cret"
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://app@db/mentoring"
    assert config["MAIL_PORT"] == 465 and config["MAIL_USE_SSL"] is True
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["MENTORING_DOMAIN"] == "mentoring.example.dk"


def test_create_app_refuses_production_without_secrets(monkeypatch):
    monkeypatch.setenv("MENTORING_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()
