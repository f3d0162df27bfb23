"""The application factory: ``create_app`` wires small ``register_*`` steps.

Nothing here touches the database: a test asserts that ``create_app()`` runs no SQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from mentoring.config import from_env
from mentoring.extensions import csrf, db, migrate


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app from the environment, with ``config`` overriding it."""
    app = Flask(__name__, static_folder="core/static", template_folder="core/templates")
    app.config.update(from_env())
    app.config.update(config or {})
    register_logging(app)  # first: start-up problems are logged too
    register_tenant_files(app)
    register_database(app)
    register_core(app)
    register_blueprints(app)
    register_signals(app)
    register_tick_steps(app)
    register_commands(app)
    return app


def register_logging(app: Flask) -> None:
    from mentoring.core.logs import register_logging as register

    register(app)


def register_tenant_files(app: Flask) -> None:
    """Validate every tenants/<slug>/tenant.toml: a broken file stops start-up."""
    from mentoring.results.measures import BY_KEY
    from mentoring.tenancy.config import load_all

    directory = Path(app.config["TENANTS_DIR"])
    app.extensions["success_measures"] = BY_KEY
    configs = load_all(directory, BY_KEY) if directory.is_dir() else []
    app.extensions["tenant_configs"] = configs


def register_database(app: Flask) -> None:
    from mentoring.core.database import register_engine_events

    Path(app.config["INSTANCE_DIR"]).mkdir(parents=True, exist_ok=True)
    db.init_app(app)
    migrations = Path(__file__).resolve().parents[2] / "migrations"
    migrate.init_app(app, db, directory=str(migrations), render_as_batch=True)
    register_engine_events()
    _import_models()


def _import_models() -> None:
    """Every model, so that metadata, Alembic and the guards see all tables."""
    import mentoring.accounts.models
    import mentoring.applications.models
    import mentoring.audit.models
    import mentoring.benchmarking.models
    import mentoring.events.models
    import mentoring.home.models
    import mentoring.jobs.models
    import mentoring.mail.models
    import mentoring.matching.models
    import mentoring.meetings.models
    import mentoring.messages.models
    import mentoring.network.models
    import mentoring.privacy.models
    import mentoring.programmes.models
    import mentoring.reports.models
    import mentoring.results.models
    import mentoring.surveys.models
    import mentoring.tenancy.models  # noqa: F401


def register_core(app: Flask) -> None:
    from mentoring.accounts.sessions import register_user_loader
    from mentoring.core.auth import register_auth
    from mentoring.core.branding import register_branding
    from mentoring.core.errors import register_errors
    from mentoring.core.htmx import register_htmx
    from mentoring.core.i18n import register_i18n
    from mentoring.core.limits import register_limits
    from mentoring.core.security import register_security
    from mentoring.core.static_files import register_static_files
    from mentoring.core.tenancy import register_tenancy
    from mentoring.jobs import register_jobs
    from mentoring.sso.services import register_sso
    from mentoring.tenancy.hooks import register_tenant_hooks

    register_tenant_hooks(app)  # first: everything after it knows the city
    register_tenancy(app)
    register_auth(app)
    register_user_loader(app)
    register_i18n(app)
    csrf.init_app(app)  # after them: a CSRF error page has the city and language
    register_htmx(app)
    register_branding(app)
    register_security(app)
    register_limits(app)
    register_static_files(app)
    register_errors(app)
    register_jobs(app)
    register_sso(app)


def register_blueprints(app: Flask) -> None:
    from mentoring.accounts.views import bp as accounts
    from mentoring.applications.views import bp as applications
    from mentoring.benchmarking.views import bp as benchmarking
    from mentoring.events.interview_views import bp as interviews
    from mentoring.events.views import bp as events
    from mentoring.health.views import bp as health
    from mentoring.home.views import bp as home
    from mentoring.mail.views import bp as mail
    from mentoring.matching.views import bp as matching
    from mentoring.meetings.views import bp as meetings
    from mentoring.messages.views import bp as messages
    from mentoring.network.views import bp as network
    from mentoring.privacy.views import bp as privacy
    from mentoring.programmes.people_views import bp as people
    from mentoring.programmes.views import bp as programmes
    from mentoring.reports.views import bp as reports
    from mentoring.results.views import bp as results
    from mentoring.sso.views import bp as sso
    from mentoring.surveys.views import bp as surveys
    from mentoring.tenancy.views import bp as tenancy

    for blueprint in (
        health,
        tenancy,
        accounts,
        sso,
        programmes,
        people,
        network,
        mail,
        meetings,
        matching,
        applications,
        events,
        interviews,
        results,
        reports,
        benchmarking,
        surveys,
        messages,
        home,
        privacy,
    ):
        app.register_blueprint(blueprint)


def register_signals(app: Flask) -> None:
    """What higher domains do when a lower one acts (a new cohort gets its events)."""
    from mentoring.applications.services import connect_signals as applications_signals
    from mentoring.benchmarking.jobs import connect_signals as benchmarking_signals
    from mentoring.events.services import connect_signals as events_signals
    from mentoring.meetings.services import connect_signals as meetings_signals
    from mentoring.privacy.services import connect_signals as privacy_signals

    events_signals()
    meetings_signals()  # a withdrawn participant's pair ends
    applications_signals()  # a withdrawn participant's place is freed
    benchmarking_signals()  # a closed cohort: recompute the network's snapshot
    privacy_signals()  # an application's consents are recorded


def register_tick_steps(app: Flask) -> None:
    """What ``flask jobs tick`` enqueues, in order (the tick itself knows no domain)."""
    from mentoring.benchmarking.jobs import enqueue_due_snapshot
    from mentoring.events.jobs import enqueue_due_reminders
    from mentoring.home.jobs import enqueue_due_digests
    from mentoring.jobs.reconcile import reenqueue_lost
    from mentoring.jobs.tick import register_tick
    from mentoring.mail.services import enqueue_undelivered
    from mentoring.matching.jobs import enqueue_due_rating_reminders
    from mentoring.meetings.jobs import enqueue_due_nudges
    from mentoring.privacy.jobs import enqueue_due_retention
    from mentoring.surveys.jobs import enqueue_due_surveys

    register_tick(
        app,
        [
            ("lost_jobs", reenqueue_lost),  # the ledger: due, but no queue has it
            ("emails", enqueue_undelivered),
            ("pair_reminders", enqueue_due_nudges),
            ("event_reminders", enqueue_due_reminders),
            ("rating_reminders", enqueue_due_rating_reminders),
            ("surveys", enqueue_due_surveys),
            ("benchmarks", enqueue_due_snapshot),
            ("coordinator_digests", enqueue_due_digests),
            ("retention", enqueue_due_retention),
        ],
    )


def register_commands(app: Flask) -> None:
    from mentoring.accounts.cli import accounts_cli
    from mentoring.benchmarking.cli import benchmarks_cli
    from mentoring.demo.cli import demo_cli
    from mentoring.mail.cli import mail_cli
    from mentoring.tenancy.cli import tenants_cli

    app.cli.add_command(accounts_cli)
    app.cli.add_command(tenants_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(mail_cli)
    app.cli.add_command(benchmarks_cli)
