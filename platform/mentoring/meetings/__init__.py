"""1:1 meetings of a pair: the log, private notes, and nudges for quiet pairs."""
