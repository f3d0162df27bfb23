"""Privacy rights and retention: a person's data export, erasure, consent records,
and the retention job that deletes or anonymises what is no longer needed."""
