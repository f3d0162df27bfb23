"""Cities as tenants: their configuration files, their rows, their hosts."""
