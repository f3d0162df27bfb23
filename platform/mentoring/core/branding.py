"""A city's colours as CSS custom properties, and its logo.

One stylesheet serves every city; ``/brand/theme.css`` sets the variables from
the tenant's configuration (served as a file, so the CSP needs no inline style).
"""

from __future__ import annotations

from flask import Flask

NETWORK_THEME = {"primary": "#2F3E46", "accent": "#84A98C"}


def theme_css(primary: str, accent: str) -> str:
    return (
        ":root{"
        f"--brand-primary:{primary};"
        f"--brand-accent:{accent};"
        "--brand-on-primary:#ffffff;"
        "}\n"
    )


def register_branding(app: Flask) -> None:
    app.jinja_env.globals["NETWORK_THEME"] = NETWORK_THEME
