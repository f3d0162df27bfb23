"""Surveys as data: versioned definitions, their questions, invitations, answers.

Definitions belong to a city, so a city can add its own questions in a new
version; the standard questions keep their keys in every version, and the keys
are what results compare.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, same_tenant_fk, tenant_table_args
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant


def _in(locale: str, da: str, en: str) -> str:
    return en if str(locale).startswith("en") else da


class SurveyDefinition(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One version of one of the programme's surveys in a city."""

    __tablename__ = "survey_definitions"
    __table_args__ = tenant_table_args(UniqueConstraint("tenant_id", "key", "version"))

    key: Mapped[str] = mapped_column(String(30))  # instruments.INSTRUMENTS
    version: Mapped[int] = mapped_column(default=1)
    title_da: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))

    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="definition",
        cascade="all, delete-orphan",
        order_by="SurveyQuestion.position",
        foreign_keys="SurveyQuestion.definition_id",
    )

    def title(self, locale: str) -> str:
        return _in(locale, self.title_da, self.title_en)


class SurveyQuestion(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A question; ``choices`` is a list of ``{"value", "da", "en"}``."""

    __tablename__ = "survey_questions"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "definition_id", "key"),
        same_tenant_fk("definition_id", "survey_definitions", ondelete="CASCADE"),
    )

    definition_id: Mapped[uuid.UUID] = mapped_column(index=True)
    key: Mapped[str] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(10))  # instruments.KINDS
    standard: Mapped[bool] = mapped_column(default=True)
    text_da: Mapped[str] = mapped_column(String(500))
    text_en: Mapped[str] = mapped_column(String(500))
    choices: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)

    definition: Mapped[SurveyDefinition] = relationship(
        back_populates="questions", foreign_keys=[definition_id]
    )

    def text(self, locale: str) -> str:
        return _in(locale, self.text_da, self.text_en)

    def choice_values(self) -> tuple[str, ...]:
        return tuple(c["value"] for c in self.choices)

    def choice_labels(self, locale: str) -> list[tuple[str, str]]:
        return [(c["value"], _in(locale, c["da"], c["en"])) for c in self.choices]


class SurveyInvitation(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One person asked to answer one survey; at most once per survey key."""

    __tablename__ = "survey_invitations"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "participant_id", "survey_key"),
        same_tenant_fk("definition_id", "survey_definitions", ondelete="CASCADE"),
        same_tenant_fk("cohort_id", "cohorts", ondelete="CASCADE"),
        same_tenant_fk("participant_id", "participants", ondelete="CASCADE"),
    )

    definition_id: Mapped[uuid.UUID] = mapped_column(index=True)
    # The definition's key, copied: "once per person and survey" holds across
    # versions, backed by the unique constraint.
    survey_key: Mapped[str] = mapped_column(String(30))
    cohort_id: Mapped[uuid.UUID] = mapped_column(index=True)
    participant_id: Mapped[uuid.UUID] = mapped_column(index=True)
    sent_at: Mapped[datetime | None]
    reminded_7_at: Mapped[datetime | None]
    reminded_14_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]

    definition: Mapped[SurveyDefinition] = relationship(foreign_keys=[definition_id])
    cohort: Mapped[Cohort] = relationship(foreign_keys=[cohort_id])
    participant: Mapped[Participant] = relationship(foreign_keys=[participant_id])
    answers: Mapped[list[SurveyAnswer]] = relationship(
        back_populates="invitation",
        cascade="all, delete-orphan",
        foreign_keys="SurveyAnswer.invitation_id",
    )


class SurveyAnswer(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One answer to one question, saved as the person goes."""

    __tablename__ = "survey_answers"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "invitation_id", "question_id"),
        same_tenant_fk("invitation_id", "survey_invitations", ondelete="CASCADE"),
        same_tenant_fk("question_id", "survey_questions", ondelete="CASCADE"),
    )

    invitation_id: Mapped[uuid.UUID] = mapped_column(index=True)
    question_id: Mapped[uuid.UUID] = mapped_column(index=True)
    value: Mapped[Any] = mapped_column(JSON)

    invitation: Mapped[SurveyInvitation] = relationship(
        back_populates="answers", foreign_keys=[invitation_id]
    )
    question: Mapped[SurveyQuestion] = relationship(foreign_keys=[question_id])
