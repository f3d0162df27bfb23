"""Demo data: the contract's accounts and a believable history per city."""
