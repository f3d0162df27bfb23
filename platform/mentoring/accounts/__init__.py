"""People and signing in: city users (coordinator, mentor, mentee) and network users."""
