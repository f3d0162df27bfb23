"""Results of the programme: aggregation, charts and the city's success criteria."""
