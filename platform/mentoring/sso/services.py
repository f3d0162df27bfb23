"""Single sign-on with the city's OpenID Connect provider, through Authlib.

Each city with an ``[sso]`` table in its tenant.toml gets its own Authlib client,
registered the first time it is needed, with the provider's discovery document
(``issuer`` + ``/.well-known/openid-configuration``): the code flow with state,
nonce and PKCE (S256). Authlib validates the ID token (signature against the
provider's JWKS, issuer, audience, nonce, expiry); then the city's own active
account is found — by the identity linked at an earlier sign-on, else by the
verified e-mail — and never created.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

import requests
from authlib.integrations.base_client import OAuthError
from flask import Flask, g
from joserfc.errors import JoseError
from werkzeug.wrappers import Response

from mentoring.accounts.models import User
from mentoring.accounts.services import normalise_email, sign_in
from mentoring.audit.services import record
from mentoring.extensions import db, oauth
from mentoring.sso.claims import Identity, Refused, identity
from mentoring.tenancy.config import SsoConfig

SCOPE = "openid email profile"
# What a failed exchange with the provider can raise: the flow's own errors
# (state, an error answer), the token's (signature, claims) and the network's.
PROVIDER_ERRORS = (
    OAuthError,
    JoseError,
    requests.RequestException,
    ValueError,
    KeyError,
)


def register_sso(app: Flask) -> None:
    oauth.init_app(app)


def client_for(config: SsoConfig) -> Any:
    """The city's Authlib client, registered on first use.

    Named after the city, the issuer and the client id, so a changed
    tenant.toml gets a fresh client (and fresh discovery) after a restart.
    """
    secret = os.environ.get(config.client_secret_env)
    if not secret:
        raise Refused("not_configured")
    digest = hashlib.sha256(f"{config.issuer} {config.client_id}".encode()).hexdigest()
    name = f"{g.tenant.slug}-{digest[:12]}"
    client = oauth.create_client(name)
    if client is None:
        client = oauth.register(
            name,
            client_id=config.client_id,
            client_secret=secret,
            server_metadata_url=config.metadata_url,
            client_kwargs={"scope": SCOPE, "code_challenge_method": "S256"},
        )
    return client


def start(config: SsoConfig, redirect_uri: str) -> Response:
    """Send the browser to the provider (state, nonce and PKCE kept in the session)."""
    try:
        return client_for(config).authorize_redirect(redirect_uri)
    except Refused:
        raise
    except PROVIDER_ERRORS as exc:
        raise Refused("provider") from exc


def finish(config: SsoConfig) -> User:
    """Complete the sign-on from the provider's answer; :class:`Refused` otherwise."""
    client = client_for(config)
    try:
        token = client.authorize_access_token()
    except OAuthError as exc:
        code = "state" if exc.error == "mismatching_state" else "provider"
        raise Refused(code) from exc
    except JoseError as exc:
        raise Refused("token") from exc
    except PROVIDER_ERRORS as exc:
        raise Refused("provider") from exc
    claims = token.get("userinfo")
    if not claims:
        raise Refused("token")
    who = identity(claims, config.issuer)
    user = find_staff(config, who)
    if user.oidc_subject is None:
        user.oidc_subject = who.subject
    sign_in(user)
    record("account.sso_sign_in", "user", user.id, user.full_name)
    return user


def find_staff(config: SsoConfig, who: Identity) -> User:
    """The city's active account for ``who``, in a role the city allows.

    The linked identity decides first; an e-mail finds only an account not yet
    linked to another identity. Lookups are the city's own (tenant-scoped).
    """
    user = db.session.scalar(db.select(User).where(User.oidc_subject == who.subject))
    if user is None and who.email is not None:
        user = db.session.scalar(
            db.select(User).where(User.email == normalise_email(who.email))
        )
        if user is not None and user.oidc_subject not in (None, who.subject):
            raise Refused("linked_elsewhere")
    if user is None:
        raise Refused("unknown" if who.email else "no_email")
    if not user.is_active or user.role not in config.roles:
        raise Refused("unknown")
    return user
