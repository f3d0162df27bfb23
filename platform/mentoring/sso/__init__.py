"""Single sign-on for city staff with the city's own OpenID Connect provider."""
