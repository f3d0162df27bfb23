"""The network's comparison of cities: snapshots, disclosure control, its pages."""
