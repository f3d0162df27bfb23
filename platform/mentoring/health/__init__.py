"""``/healthz``: is each dependency up?"""
