"""The national network on the apex host: cities, and anonymised figures only."""
