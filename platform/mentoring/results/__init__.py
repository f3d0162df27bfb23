"""The results page: the success measures, their arithmetic and charts, and the
city's success criteria. The programme report (``reports/``) builds on this."""
