"""Cohorts (forløb), their participants and mentor-mentee pairs."""
