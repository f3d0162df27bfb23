"""Application writes: submitting, deciding, and the e-mails that follow.

They flush; the view commits once. E-mails are queued and go out after commit.
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Any

from flask import current_app, g, url_for
from flask_babel import LazyString
from werkzeug.datastructures import FileStorage

from mentoring.accounts.models import User
from mentoring.accounts.services import normalise_email, send_invitation
from mentoring.applications import confirmation, queries, storage
from mentoring.applications.choices import PRIVACY_NOTICE_VERSION
from mentoring.applications.messages import default_message, fill
from mentoring.applications.models import Application, ApplicationFile, MessageTemplate
from mentoring.applications.signals import application_submitted
from mentoring.audit.services import record
from mentoring.core.i18n import N_
from mentoring.core.models import utcnow
from mentoring.core.tenancy import tenant_url
from mentoring.extensions import db
from mentoring.mail.services import queue_email
from mentoring.programmes.models import Cohort, Participant
from mentoring.programmes.signals import participant_withdrawn

# Answers copied from the form as they are, per role (the rest is shared).
SHARED_FIELDS = ("full_name", "phone", "languages", "years_experience")
ROLE_FIELDS = {
    "mentee": (
        "education",
        "field_of_study",
        "profession",
        "target_sectors",
        "target_roles",
        "danish_level",
        "arrived_on",
        "partner_employer",
        "linkedin",
        "goals",
    ),
    "mentor": (
        "job_title",
        "employer",
        "sector",
        "help_with",
        "motivation",
        "earlier_cohorts",
    ),
}
# Done: the change was made. The rest explain why nothing changed.
DONE, UNCHANGED, OVER_CAPACITY, FINAL = "done", "unchanged", "over_capacity", "final"
# Someone else decided since the coordinator's page showed the application.
STALE = "stale"
MEGABYTE = 1024 * 1024
log = logging.getLogger(__name__)


class QuotaExceeded(Exception):
    """The city's CVs would pass its storage quota: nothing was stored."""


def submit_application(
    cohort: Cohort, role: str, form: Any, locale: str
) -> Application | None:
    """Store an application with its consent and CV, unconfirmed, and e-mail a
    link that confirms the address: only then does the application count.

    ``None`` when this e-mail already applied to the cohort: nothing is stored
    (not even over an unconfirmed one, whose owner may still open the link). One
    whose link expired unopened is replaced, so the address can apply again.
    :class:`QuotaExceeded` when the CV would take the city past its quota.
    """
    email = normalise_email(form.email.data)
    existing = queries.existing_application(cohort.id, email)
    if existing is not None and not _lapsed(existing):
        return None
    if role == "mentee":
        _check_quota(len(form.cv.content))
    if existing is not None:  # its link expired unopened: the new one replaces it
        db.session.delete(existing)
        db.session.flush()
    application = Application(
        cohort_id=cohort.id,
        role=role,
        email=email,
        locale=locale,
        consent_version=PRIVACY_NOTICE_VERSION,
        consented_at=utcnow(),
        email_confirmed_at=None,
        **{name: getattr(form, name).data for name in _fields(role)},
    )
    if role == "mentee":
        application.cv = _cv_file(form.cv.data, form.cv.content)
    db.session.add(application)
    db.session.flush()
    application_submitted.send(application)
    _confirm(application, cohort)
    return application


def _lapsed(application: Application) -> bool:
    """Never confirmed, and its link has expired."""
    if application.email_confirmed_at is not None:
        return False
    age = utcnow() - application.created_at
    return age.total_seconds() > _confirm_max_age()


def _fields(role: str) -> tuple[str, ...]:
    return SHARED_FIELDS + ROLE_FIELDS[role]


def _check_quota(size: int) -> None:
    used, quota = queries.cv_bytes_used(), g.tenant.upload_quota_mb * MEGABYTE
    if used + size > quota:
        log.warning(
            "CV refused: the city's upload quota is full (%d + %d > %d bytes)",
            used,
            size,
            quota,
        )
        raise QuotaExceeded


def _cv_file(upload: FileStorage, content: bytes) -> ApplicationFile:
    """The CV's row; the file goes to disk under a random name (``storage``)."""
    return ApplicationFile(
        filename=safe_pdf_name(upload.filename or ""),
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        storage_key=storage.save_cv(g.tenant.id, content),
    )


def cv_content(cv: ApplicationFile) -> bytes:
    """The CV's bytes: from its file, or (uploaded before files) the database."""
    if cv.storage_key is None:
        return cv.content or b""
    return storage.cv_path(cv.tenant_id, cv.storage_key).read_bytes()


def discard_cv_file(application: Application | None) -> None:
    """Remove the file of an application whose transaction did not commit."""
    if application is not None and application.cv and application.cv.storage_key:
        storage.remove_cv(application.cv.tenant_id, application.cv.storage_key)


def safe_pdf_name(name: str) -> str:
    """A harmless download name: letters, digits, ``-_.``, ending in ``.pdf``."""
    base = re.split(r"[/\\]", name)[-1]
    base = re.sub(r"\.pdf$", "", base, flags=re.IGNORECASE)
    stem = re.sub(r"[^\w.-]+", "-", base).strip(".-")[:150]
    return f"{stem or 'cv'}.pdf"


def _confirm(application: Application, cohort: Cohort) -> None:
    """The e-mail asking to confirm the address. It shows only fixed text, the
    cohort and the city: nothing the applicant typed, so the form cannot be used
    to send someone else's words to any address."""
    queue_email(
        _Addressee(application.email, application.locale),
        "application_received",
        N_("Confirm your application"),
        tenant=g.tenant,
        role=application.role,
        cohort=cohort,
        consent_version=application.consent_version,
        link=confirmation_link(application),
        days=_confirm_max_age() // 86400,
    )


class _Addressee:
    """The confirmation e-mail's recipient: an address and a language, no name."""

    full_name = ""

    def __init__(self, email: str, locale: str) -> None:
        self.email = email
        self.locale = locale


def _confirm_max_age() -> int:
    return int(current_app.config["APPLICATION_CONFIRM_MAX_AGE"])


def confirmation_link(application: Application) -> str:
    token = confirmation.make_link_token(
        current_app.config["SECRET_KEY"], application.id, str(g.tenant.id)
    )
    return tenant_url(g.tenant, url_for("applications.confirm", token=token))


def confirm_application(token: str) -> Application:
    """Confirm the address of the application a valid link names (once is
    enough; a second click changes nothing). :class:`confirmation.InvalidLink`
    when the link is bad, expired, from another city or its application gone."""
    ident = confirmation.read_link_token(
        current_app.config["SECRET_KEY"], token, str(g.tenant.id), _confirm_max_age()
    )
    application = queries.application_by_id(ident)
    if application is None:
        raise confirmation.InvalidLink("no application")
    if application.email_confirmed_at is None:
        application.email_confirmed_at = utcnow()
        db.session.flush()
    return application


# -- decisions -------------------------------------------------------------------


def over_capacity(application: Application) -> bool:
    """Would accepting this application take its role beyond the cohort's places?"""
    cohort = application.cohort
    accepted = queries.accepted_counts(cohort.id)[application.role]
    return accepted + 1 > queries.capacity_of(cohort, application.role)


def decided_meanwhile(application: Application, seen: str | None) -> bool:
    """Did another decision land since the page showed status ``seen``?

    The caller holds the row lock (``queries.application_for_decision``), so the
    status read here is the latest: of two concurrent decisions exactly one wins.
    """
    return seen is not None and application.status != seen


def accept_application(
    application: Application, confirm: bool = False, seen: str | None = None
) -> str:
    """Accept: an account (new or the one already here), a place in the cohort, mail.

    Beyond capacity only with ``confirm``. An accepted application stays accepted.
    """
    if decided_meanwhile(application, seen):
        return STALE
    if application.status == "accepted":
        return UNCHANGED
    _lock_cohort(application)
    if not confirm and over_capacity(application):
        return OVER_CAPACITY
    user = _account_for(application)
    application.user_id = user.id
    _enrol(user, application)
    _decided(application, "accepted")
    _welcome(user, application)
    _audit("application.accept", application)
    return DONE


def _lock_cohort(application: Application) -> None:
    """Accepts in one cohort queue up, so two cannot both take its last place."""
    db.session.execute(
        db.select(Cohort.id).where(Cohort.id == application.cohort_id).with_for_update()
    )


def waitlist_application(application: Application, seen: str | None = None) -> str:
    return _decline(application, "waitlisted", "application.waitlist", seen)


def reject_application(application: Application, seen: str | None = None) -> str:
    return _decline(application, "rejected", "application.reject", seen)


DECISIONS = {
    "accept": accept_application,
    "waitlist": waitlist_application,
    "reject": reject_application,
}


def _decline(
    application: Application, status: str, action: str, seen: str | None
) -> str:
    if decided_meanwhile(application, seen):
        return STALE
    if application.status == status:
        return UNCHANGED
    if application.status == "accepted":
        return FINAL
    _decided(application, status)
    send_decision_message(application, status)
    _audit(action, application)
    return DONE


def _decided(application: Application, status: str) -> None:
    application.status = status
    application.decided_at = utcnow()


def _audit(action: str, application: Application) -> None:
    record(
        action,
        "application",
        application.id,
        application.full_name,
        cohort=application.cohort.name,
        role=application.role,
    )


def _account_for(application: Application) -> User:
    """The city's account for this e-mail (a returning mentor), or a new one.

    A known account keeps its details; only blanks are filled from the application.
    """
    user = db.session.scalar(db.select(User).where(User.email == application.email))
    if user is None:
        user = User(
            role=application.role,
            full_name=application.full_name,
            email=application.email,
            phone=application.phone,
            locale=application.locale,
        )
        db.session.add(user)
        db.session.flush()
    user.locale = user.locale or application.locale
    user.phone = user.phone or application.phone
    return user


def _enrol(user: User, application: Application) -> None:
    found = db.session.scalar(
        db.select(Participant).where(
            Participant.cohort_id == application.cohort_id,
            Participant.user_id == user.id,
        )
    )
    if found is None:
        db.session.add(
            Participant(
                cohort_id=application.cohort_id, user_id=user.id, role=application.role
            )
        )
        db.session.flush()


def _welcome(user: User, application: Application) -> None:
    """A new account is invited to set a password; a known one is told it is in."""
    if not user.has_password:
        send_invitation(user)
        return
    queue_email(
        user,
        "application_accepted_returning",
        N_("You have a place in the new cohort"),
        tenant=g.tenant,
        cohort=application.cohort,
        role=application.role,
        link=tenant_url(g.tenant, url_for("accounts.login")),
    )


def free_place_of(participant: Participant, **_: Any) -> None:
    """A participant withdrew (``participant_withdrawn``): their accepted
    application becomes withdrawn, so it no longer takes one of the places."""
    application = db.session.scalar(
        db.select(Application).where(
            Application.cohort_id == participant.cohort_id,
            Application.user_id == participant.user_id,
            Application.status == "accepted",
        )
    )
    if application is not None:
        application.status = "withdrawn"
        db.session.flush()


def connect_signals() -> None:
    """Listen to the programmes domain (called once by the app factory)."""
    participant_withdrawn.connect(free_place_of)


# -- the city's decision messages ---------------------------------------------


def message_template(kind: str, locale: str) -> MessageTemplate:
    """The city's wording for ``kind`` in ``locale``, made from the default if new."""
    found = db.session.scalar(
        db.select(MessageTemplate).where(
            MessageTemplate.kind == kind, MessageTemplate.locale == locale
        )
    )
    if found is not None:
        return found
    subject, body = default_message(kind, locale)
    template = MessageTemplate(kind=kind, locale=locale, subject=subject, body=body)
    db.session.add(template)
    db.session.flush()
    return template


def send_decision_message(application: Application, kind: str) -> None:
    template = message_template(kind, application.locale)
    name, cohort = application.full_name, application.cohort.name
    subject = fill(template.subject, name, cohort)
    queue_email(
        application,
        "application_decision",
        LazyString(str, subject),  # the city's own words: not looked up in a catalog
        tenant=g.tenant,
        message=fill(template.body, name, cohort),
    )


def save_message_template(kind: str, locale: str, subject: str, body: str) -> None:
    template = message_template(kind, locale)
    template.subject = subject
    template.body = body.replace("\r\n", "\n")  # browsers send CRLF
    db.session.flush()
