"""The audit trail: who did what to whose data, visible to the city's coordinators."""
