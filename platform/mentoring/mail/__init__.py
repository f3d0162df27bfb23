"""E-mail: rendered in the recipient's language, stored, then delivered by a job."""
