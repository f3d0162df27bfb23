"""Career mentoring for the accompanying spouses of international professionals."""
