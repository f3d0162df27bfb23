"""What crosses domains: tenancy, scoping, auth, i18n, htmx, errors."""
