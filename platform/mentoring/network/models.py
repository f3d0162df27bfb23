"""The network's own table: every city it tracks, onboarded or not.

Not tenant-owned: a tracked city may have no tenant yet (only informed), and
the row is the network's record about the city, not the city's data.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.core.i18n import _l
from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.extensions import db
from mentoring.tenancy.models import Tenant

# One label per stage of ``tracker.STAGES``, in that order.
STAGE_LABELS = {
    "informed": _l("Informed"),
    "interested": _l("Interested"),
    "onboarding": _l("Onboarding"),
    "live": _l("Live"),
}


class TrackedCity(UUIDPrimaryKey, Timestamps, db.Model):
    """A city or region on its way: informed, interested, onboarding, live."""

    __tablename__ = "tracked_cities"

    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(200), default="")
    stage: Mapped[str] = mapped_column(String(12), default="informed")
    informed_on: Mapped[date | None]
    interested_on: Mapped[date | None]
    onboarding_on: Mapped[date | None]
    live_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(String(500), default="")
    demo: Mapped[bool] = mapped_column(default=False)
    # The city's tenant once onboarded (one row per tenant).
    tenant_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="SET NULL"), unique=True
    )
    tenant: Mapped[Tenant | None] = relationship(lazy="joined")

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS[self.stage])
