"""Performance benchmarks (``make bench``); nothing here runs inside the app."""
