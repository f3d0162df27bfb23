"""What the applications domain announces, for higher domains to act on."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# sender: the Application just stored (flushed, before the request commits);
# the privacy domain records the consents given with it.
application_submitted = _signals.signal("application-submitted")
