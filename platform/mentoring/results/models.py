"""A city's success criteria as its coordinator set them.

The defaults come from ``tenants/<slug>/tenant.toml`` (``Tenant.success_criteria``);
a row here overrides one measure for one city.
"""

from __future__ import annotations

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, tenant_table_args
from mentoring.extensions import db


class SuccessCriterion(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """The least share (0-1) of respondents a measure should reach."""

    __tablename__ = "success_criteria"
    __table_args__ = tenant_table_args(UniqueConstraint("tenant_id", "measure"))

    measure: Mapped[str] = mapped_column(String(60))
    minimum_share: Mapped[float]
