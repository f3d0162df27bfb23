"""Applications to a cohort: public forms, CVs, consent, the coordinator's review."""
