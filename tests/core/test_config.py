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


SERVICES = {
    "REDIS_URL": "redis://redis:6379/0",
    "MAIL_SERVER": "smtp.example.org",
    "MAIL_FROM": "Career Mentoring <no-reply@mentoring.example.dk>",
}
SECRETS = {"SECRET_KEY": "s", "DATABASE_URL": "postgresql+psycopg://x/y"}


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
        from_env({"MENTORING_ENV": "production", **SERVICES, **env})


@pytest.mark.parametrize(
    ("absent", "named"),
    [
        ("MAIL_SERVER", r"MAIL_SERVER \(or MAIL_OUTBOX_IN_PRODUCTION=true\)"),
        ("REDIS_URL", r"REDIS_URL \(or JOBS_IN_PROCESS=true\)"),
    ],
)
def test_production_needs_smtp_and_redis(absent, named):
    env = {"MENTORING_ENV": "production", **SECRETS, **SERVICES}
    del env[absent]
    with pytest.raises(ConfigError, match=named):
        from_env(env)


def test_production_names_everything_missing_at_once():
    with pytest.raises(ConfigError) as caught:
        from_env({"MENTORING_ENV": "production"})
    for name in ("SECRET_KEY", "DATABASE_URL", "MAIL_SERVER", "REDIS_URL"):
        assert name in str(caught.value)


def test_production_may_opt_out_of_smtp_and_redis_by_name():
    env = {"MENTORING_ENV": "production", **SECRETS, **SERVICES}
    del env["MAIL_SERVER"], env["REDIS_URL"]
    env.update(MAIL_OUTBOX_IN_PRODUCTION="true", JOBS_IN_PROCESS="true")
    config = from_env(env)
    assert config["MAIL_SERVER"] == "" and config["REDIS_URL"] == ""
    with pytest.raises(ConfigError, match="REDIS_URL"):
        from_env({**env, "JOBS_IN_PROCESS": "false"})


@pytest.mark.parametrize(
    "sender",
    [
        "Career Mentoring <no-reply@localhost>",
        "no-reply@LOCALHOST.",
        "no-reply@mentoring.localhost",
        "no-reply@127.0.0.1",
        "no-reply@[10.0.0.7]",
        "no-reply@[IPv6:::1]",
        "no-reply",
        "",
    ],
)
def test_production_refuses_a_sender_at_localhost(sender):
    env = {"MENTORING_ENV": "production", **SECRETS, **SERVICES, "MAIL_FROM": sender}
    with pytest.raises(ConfigError, match="MAIL_FROM"):
        from_env(env)


def test_production_refuses_the_default_sender():
    env = {"MENTORING_ENV": "production", **SECRETS, **SERVICES}
    del env["MAIL_FROM"]
    with pytest.raises(ConfigError, match="MAIL_FROM"):
        from_env(env)


def test_development_keeps_the_local_sender():
    assert "localhost" in from_env({})["MAIL_FROM"]


@pytest.mark.parametrize(
    ("env", "key", "value"),
    [
        ({}, "LOG_FORMAT", ""),
        ({"LOG_FORMAT": "JSON"}, "LOG_FORMAT", "json"),
        ({}, "LOG_LEVEL", "INFO"),
        ({"LOG_LEVEL": "warning"}, "LOG_LEVEL", "WARNING"),
    ],
)
def test_log_settings(env, key, value):
    assert from_env(env)[key] == value


@pytest.mark.parametrize("env", [{"LOG_FORMAT": "xml"}, {"LOG_LEVEL": "loud"}])
def test_bad_log_settings_stop_start_up(env):
    with pytest.raises(ConfigError, match=next(iter(env))):
        from_env(env)


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
            "MAIL_FROM": "Career Mentoring <no-reply@mentoring.example.dk>",
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
