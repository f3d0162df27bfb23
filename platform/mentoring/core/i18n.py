"""Languages: which one a request speaks, and remembering a choice.

Order: ``?lang=`` (remembered, and saved on the user), then the signed-in
user's saved choice, then the choice remembered in the session, then the
browser's ``Accept-Language``, then the city's default.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, g, has_request_context, request, session
from flask_babel import get_locale, get_timezone
from flask_babel import gettext as _  # noqa: F401 - re-exported
from flask_babel import lazy_gettext as _l  # noqa: F401 - re-exported
from flask_login import current_user

from mentoring.extensions import babel, db

LANGUAGES = ("da", "en")
LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}
# English as written for people living in Denmark: "1 Feb 2026", 24-hour clock,
# not the US "Feb 1, 2026". Catalogs are found by language ("en" for "en_GB").
BABEL_LOCALES = {"da": "da_DK", "en": "en_GB"}


def babel_locale(language: str) -> str:
    """The Babel locale used to format dates and numbers for ``language``."""
    return BABEL_LOCALES.get(language, language)


def N_(message: str) -> str:  # noqa: N802 - Babel's default extraction keyword
    """Mark ``message`` for the catalog; it is translated later, in another locale.

    For texts chosen now but shown in the recipient's language (e-mail subjects).
    """
    return message


def select_locale() -> str:
    return babel_locale(_select_language())


def _select_language() -> str:
    if not has_request_context():
        return _default_language()  # a job or command: the city's language
    chosen = g.get("lang_choice")
    if chosen:
        return chosen
    saved = getattr(current_user, "locale", None) if _user_known() else None
    if saved in LANGUAGES:
        return saved
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    return request.accept_languages.best_match(LANGUAGES) or _default_language()


def select_timezone() -> str:
    tenant = g.get("tenant")
    return tenant.timezone if tenant is not None else "Europe/Copenhagen"


def _default_language() -> str:
    tenant = g.get("tenant")
    return tenant.default_language if tenant is not None else "da"


def _user_known() -> bool:
    # The user loader runs a query; before tenancy is resolved it must not.
    return "tenant" in g and current_user.is_authenticated


def remember_language_choice() -> None:
    """``before_request``: honour ``?lang=`` and keep it for later visits."""
    lang = request.args.get("lang")
    if lang not in LANGUAGES:
        return
    g.lang_choice = lang
    session["lang"] = lang
    if _user_known() and current_user.locale != lang:
        current_user.locale = lang
        db.session.commit()


def language_url(code: str) -> str:
    """This page in language ``code``, keeping its other query arguments."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [code]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def register_i18n(app: Flask) -> None:
    babel.init_app(
        app, locale_selector=select_locale, timezone_selector=select_timezone
    )
    app.before_request(remember_language_choice)
    app.jinja_env.globals.update(
        get_locale=get_locale,
        get_timezone=get_timezone,
        LANGUAGES=LANGUAGES,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
        language_url=language_url,
    )
