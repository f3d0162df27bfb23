"""What the programmes domain announces, for higher domains to act on.

``programmes`` is the base domain: events, meetings and the rest build on it,
never the other way round. When a cohort is made from the template, the events
domain turns each template step into an event by listening here; when a cohort
closes, the network's benchmarks are recomputed.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# sender: the new Cohort; kwargs: template (CohortTemplate), timezone (str)
cohort_created = _signals.signal("cohort-created")

# sender: the Cohort just closed (sent inside the request, before its commit)
cohort_closed = _signals.signal("cohort-closed")

# sender: the Participant just withdrawn (inside the request, before its commit).
# The meetings domain ends their pair; applications frees their place.
participant_withdrawn = _signals.signal("participant-withdrawn")
