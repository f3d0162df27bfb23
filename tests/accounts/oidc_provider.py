"""A tiny OpenID Connect provider for the single sign-on tests, on 127.0.0.1.

Discovery, /authorize (answers at once with a code, as if the person had signed
in), /token (checks the PKCE verifier, returns an RS256 ID token) and /jwks.
``behaviour`` lets a test make it misbehave: another nonce, audience or issuer,
an expired token, a signature by a key it does not publish.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from typing import Any
from urllib.parse import urlencode

from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server


class Provider:
    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "k1"})
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": "k1"})
        self.claims: dict[str, Any] = {}
        self.behaviour: set[str] = set()
        self.codes: dict[str, dict[str, Any]] = {}
        self.app = self._build()
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Provider:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()

    def _build(self) -> Flask:
        app = Flask("oidc-provider")
        app.add_url_rule("/.well-known/openid-configuration", view_func=self.discovery)
        app.add_url_rule("/authorize", view_func=self.authorize)
        app.add_url_rule("/token", view_func=self.token, methods=["POST"])
        app.add_url_rule("/jwks", view_func=self.jwks)
        return app

    def discovery(self) -> Any:
        return jsonify(
            issuer=self.issuer,
            authorization_endpoint=f"{self.issuer}/authorize",
            token_endpoint=f"{self.issuer}/token",
            jwks_uri=f"{self.issuer}/jwks",
            response_types_supported=["code"],
            subject_types_supported=["public"],
            id_token_signing_alg_values_supported=["RS256"],
            code_challenge_methods_supported=["S256"],
        )

    def authorize(self) -> Any:
        args = request.args
        assert args["response_type"] == "code"
        assert args["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.codes[code] = dict(args)
        query = urlencode({"code": code, "state": args["state"]})
        return redirect(f"{args['redirect_uri']}?{query}")

    def token(self) -> Any:
        grant = self.codes.pop(request.form.get("code", ""), None)
        if grant is None:
            return jsonify(error="invalid_grant"), 400
        verifier = request.form.get("code_verifier", "").encode()
        digest = hashlib.sha256(verifier).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if challenge != grant["code_challenge"]:
            return jsonify(error="invalid_grant", error_description="PKCE"), 400
        return jsonify(
            access_token=secrets.token_urlsafe(16),
            token_type="Bearer",
            expires_in=3600,
            id_token=self.id_token(grant),
        )

    def id_token(self, grant: dict[str, Any]) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": grant["client_id"],
            "sub": "subject-1",
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            "email_verified": True,
            **self.claims,
        }
        if "wrong_nonce" in self.behaviour:
            claims["nonce"] = "not-the-nonce"
        if "wrong_audience" in self.behaviour:
            claims["aud"] = "someone-else"
        if "wrong_issuer" in self.behaviour:
            claims["iss"] = "https://login.example.org/elsewhere"
        if "expired" in self.behaviour:
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        key = self.other_key if "bad_signature" in self.behaviour else self.key
        return jwt.encode({"alg": "RS256", "kid": "k1"}, claims, key)

    def jwks(self) -> Any:
        return jsonify(keys=[self.key.as_dict(private=False)])
