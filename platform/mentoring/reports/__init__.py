"""The programme report: asked for by the coordinator, built by a job from the
results (``mentoring.results``), kept as HTML, PDF and CSV."""
