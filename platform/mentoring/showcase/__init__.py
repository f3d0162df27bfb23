"""The product shown in a real browser: the demo served live, and `make screenshots`."""
