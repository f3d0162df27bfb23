"""Each city gets the standard surveys on first use and may add its own questions
in a new version; the standard keys stay the same (comparability)."""

from __future__ import annotations

import pytest

from mentoring.surveys.instruments import INSTRUMENTS, Question


def definitions(app, tenant):
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db
    from mentoring.surveys.services import ensure_standard_surveys

    with app.app_context():
        set_tenant(db.session, tenant.id)
        found = ensure_standard_surveys()
        result = {
            k: (d.version, [(q.key, q.standard) for q in d.questions])
            for k, d in found.items()
        }
        db.session.commit()
        return result


def test_version_1_of_every_survey_is_made_once_per_city(app, city_a, city_b):
    first = definitions(app, city_a)
    assert set(first) == set(INSTRUMENTS)
    assert all(version == 1 for version, _ in first.values())
    assert definitions(app, city_a) == first  # not made twice
    assert definitions(app, city_b) == first  # its own copy, same keys
    keys = [k for k, _ in first["mentee_end"][1]]
    assert "network_strengthened" in keys and "satisfaction" in keys


def test_a_city_adds_its_own_question_in_a_new_version(app, city_a, city_b):
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db
    from mentoring.surveys.services import add_version

    before = definitions(app, city_a)["mentee_end"][1]
    own = Question(
        "danish_course", "yes_no", "Går du til dansk?", "Do you learn Danish?"
    )
    with app.app_context():
        set_tenant(db.session, city_a.id)
        assert add_version("mentee_end", [own]).version == 2
        with pytest.raises(ValueError, match="already in use"):
            add_version("mentee_end", [Question("clarity", "text", "x", "y")])
        db.session.commit()
    version, questions = definitions(app, city_a)["mentee_end"]
    assert version == 2
    assert questions == [*before, ("danish_course", False)]
    assert definitions(app, city_b)["mentee_end"][0] == 1
