"""`flask demo seed`: the contract's demo accounts and a believable history."""

import re
from datetime import date, datetime, timedelta

from sqlalchemy import func

from mentoring.accounts.models import NetworkUser, User
from mentoring.core.models import utcnow
from mentoring.core.scoping import cross_tenant
from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Pair, Participant
from mentoring.tenancy.models import Tenant
from tests.conftest import body_text, login


def _seed(app, *args):
    return app.test_cli_runner().invoke(args=["demo", "seed", *args])


def _count(app, model, *where):
    with app.app_context(), cross_tenant(db.session, "test: count demo rows"):
        query = db.select(func.count()).select_from(model)
        return db.session.scalar(query.where(*where) if where else query)


def test_seed_creates_contract_accounts_and_history(app, client_for, city_a):
    result = _seed(app, "--cities", "2", "--participants", "4", "--cohorts", "3")
    assert result.exit_code == 0, result.output
    assert _count(app, Cohort) == 2 * (3 + 1)  # three held, one recruiting
    assert _count(app, Pair) == 2 * 3 * 4
    assert _count(app, Cohort, Cohort.status == "closed") == 2 * 2  # two past cohorts
    assert _count(app, Cohort, Cohort.status == "recruiting") == 2
    assert _count(app, NetworkUser) == 2
    # The contract's accounts log in with the demo password and land by role.
    client = client_for(city_a)
    response = login(client, "coordinator@lyngby-taarbaek.example.org", "demo-password")
    assert response.headers["Location"].endswith("/coordinator/")
    client = client_for(city_a)
    response = login(client, "mentee1@lyngby-taarbaek.example.org", "demo-password")
    assert response.headers["Location"].endswith("/me/")
    network = client_for(None)
    response = login(network, "analyst@network.example.org", "demo-password")
    assert response.headers["Location"].endswith("/network/")


def test_mentors_return_between_cohorts(app):
    _seed(app, "--cities", "1", "--participants", "6", "--cohorts", "3")
    mentor_places = _count(app, Participant, Participant.role == "mentor")
    mentors = _count(app, User, User.role == "mentor")
    assert mentor_places == 18
    assert mentors < mentor_places  # some mentors took part more than once


def test_seed_refuses_a_database_with_data_unless_if_empty(app):
    small = ("--cities", "1", "--participants", "2", "--cohorts", "2")
    assert _seed(app, *small).exit_code == 0
    again = _seed(app, *small)
    assert again.exit_code != 0 and "empty" in again.output
    skipped = _seed(app, "--if-empty")
    assert skipped.exit_code == 0 and "skipped" in skipped.output


def test_seed_scales_beyond_the_configured_cities(app):
    result = _seed(app, "--cities", "10", "--participants", "2", "--cohorts", "2")
    assert result.exit_code == 0, result.output
    assert "10 cities" in result.output


def test_seed_is_never_run_in_production(app, monkeypatch):
    monkeypatch.setitem(app.config, "ENV_NAME", "production")
    result = _seed(app)
    assert result.exit_code != 0 and "production" in result.output
    assert _count(app, User) == 0


def test_every_page_has_something_to_show(app):
    """Cohorts come from the city's template with events; past events were held."""
    from mentoring.applications.models import Application
    from mentoring.events.models import Event, EventInvitation
    from mentoring.meetings.models import Meeting

    _seed(app, "--cities", "1", "--participants", "4", "--cohorts", "2")
    assert _count(app, Event) == 3 * 7  # the template's seven steps per cohort
    assert _count(app, EventInvitation, EventInvitation.checked_in_at.is_not(None))
    assert _count(app, Meeting) > 0
    assert _count(app, Meeting, Meeting.notes != "") == 0  # notes stay private
    assert _count(app, Application, Application.status == "submitted") > 0


def test_demo_pages_answer_for_each_role(app, client_for, city_a):
    _seed(app, "--cities", "1", "--participants", "4", "--cohorts", "2")
    client = client_for(city_a)
    login(client, "coordinator@lyngby-taarbaek.example.org", "demo-password")
    for path in (
        "/coordinator/",
        "/coordinator/cohorts/",
        "/coordinator/applications/",
        "/coordinator/audit/",
        "/coordinator/template",
    ):
        assert client.get(path).status_code == 200, path
    mentee = client_for(city_a)
    login(mentee, "mentee1@lyngby-taarbaek.example.org", "demo-password")
    home = mentee.get("/me/")
    assert home.status_code == 200
    assert "Forløb 2" in home.get_data(as_text=True)  # the running cohort


REPORT_FIGURES = {
    "mentees_in_work_after_six_months": 48,
    "mentees_in_education": 10,
    "mentees_self_employed": 7,
    "mentees_clarified": 10,
    "mentees_job_seeking": 24,
    "mentees_network_grown": 85,
    "mentees_cv_improved": 100,
    "mentors_would_recommend": 100,
}


def _city_figures(app, tenant_id):
    """The city's overall figures, as its results page computes them."""
    from mentoring.core.scoping import tenant_scope
    from mentoring.results.aggregation import SurveyRecord, aggregate
    from mentoring.surveys.models import SurveyInvitation

    with app.app_context(), tenant_scope(db.session, tenant_id):
        records = [
            SurveyRecord(
                str(i.cohort_id),
                i.survey_key,
                {a.question.key: a.value for a in i.answers},
            )
            for i in db.session.scalars(db.select(SurveyInvitation))
        ]
    return {f.measure: f.percent for f in aggregate(records, {}).overall}


def test_lyngby_reproduces_the_reports_published_figures(app, city_a):
    """48 % in work, 10 % education, 7 % self-employed, 10 % clarified,
    24 % job-seeking, 85 % stronger network, all mentors recommending."""
    assert _seed(app, "--cities", "1").exit_code == 0  # Lyngby-Taarbæk, defaults
    assert _city_figures(app, city_a.id) == REPORT_FIGURES


def _running_cohort_of(app, email):
    """The statuses of the cohorts the account takes part in, and its invitations
    to events that have not started yet."""
    with app.app_context(), cross_tenant(db.session, "test: a demo account's cohorts"):
        user = db.session.scalar(db.select(User).where(User.email == email))
        statuses = set(
            db.session.scalars(
                db.select(Cohort.status)
                .join(Participant, Participant.cohort_id == Cohort.id)
                .where(Participant.user_id == user.id)
            )
        )
        future = db.session.scalar(
            db.select(func.count())
            .select_from(EventInvitation)
            .join(Event, Event.id == EventInvitation.event_id)
            .join(Participant, Participant.id == EventInvitation.participant_id)
            .where(Participant.user_id == user.id, Event.starts_at > utcnow())
        )
    return statuses, future


def test_the_readme_accounts_are_in_the_running_cohort_with_events_ahead(
    app, client_for, city_a
):
    assert _seed(app, "--cities", "1").exit_code == 0
    for number in (1, 2, 3):
        for role in ("mentee", "mentor"):
            email = f"{role}{number}@lyngby-taarbaek.example.org"
            statuses, future = _running_cohort_of(app, email)
            assert "running" in statuses, email
            assert future >= 3, email  # midway, interviews, closing (and more)
    # mentee1 and mentor1 are each other's pair.
    mentee = client_for(city_a)
    login(mentee, "mentee1@lyngby-taarbaek.example.org", "demo-password")
    html = mentee.get("/me/?lang=en").get_data(as_text=True)
    assert "Yes, I&#39;m coming" in html or "Yes, I'm coming" in html  # RSVP
    assert "Midway meeting" in html
    assert "Stadsbiblioteket Lyngby" in html  # the midway meeting's place
    with app.app_context(), cross_tenant(db.session, "test: mentor1's name"):
        mentor = db.session.scalar(
            db.select(User).where(User.email == "mentor1@lyngby-taarbaek.example.org")
        )
        assert mentor.full_name in html and mentor.email in html
    assert "have not logged a meeting" not in html  # mentee1's pair is active


def test_the_first_tick_nudges_the_quiet_pairs_and_only_them(
    app, city_a, outbox, run_jobs
):
    """Pairs 2 and 9 of the running cohort are quiet for a nudge, pair 3 for the
    coordinators' alert too; everyone else met in the last three weeks."""
    from mentoring.meetings.jobs import enqueue_due_nudges

    assert _seed(app, "--cities", "1", "--participants", "10").exit_code == 0
    outbox()  # nothing from the seed
    assert outbox() == []
    with app.app_context():
        owed = enqueue_due_nudges()  # the tick's step, on the city's own date
        db.session.commit()
    run_jobs()
    mails = outbox()
    assert owed == 4  # three nudges, one alert
    domain = "lyngby-taarbaek.example.org"
    nudged = {m["To"] for m in mails if m["To"] != f"coordinator@{domain}"}
    assert nudged == {
        f"{r}{n}@{domain}" for n in (2, 3, 9) for r in ("mentee", "mentor")
    }
    [alert] = [m for m in mails if m["To"] == f"coordinator@{domain}"]
    text = body_text(alert)
    with app.app_context(), cross_tenant(db.session, "test: demo names"):
        names = {
            u.email.split("@")[0]: u.full_name
            for u in db.session.scalars(
                db.select(User).where(User.role != "coordinator")
            )
        }
    assert f"{names['mentee3']} – {names['mentor3']}" in text
    assert names["mentee2"] not in text and names["mentee9"] not in text
    # A second tick owes nothing more.
    with app.app_context():
        assert enqueue_due_nudges() == 0
        db.session.rollback()


def test_every_event_has_a_place(app):
    result = _seed(app, "--cities", "9", "--participants", "2", "--cohorts", "2")
    assert result.exit_code == 0, result.output
    assert _count(app, Event) > 0
    assert _count(app, Event, Event.location == "") == 0
    with app.app_context(), cross_tenant(db.session, "test: places per city"):
        rows = db.session.execute(
            db.select(Tenant.slug, Event.kind, Event.location).join(
                Tenant, Tenant.id == Event.tenant_id
            )
        ).all()
    places = {(slug, kind): location for slug, kind, location in rows}
    assert "DTU" in places["lyngby-taarbaek", "kickoff"]
    assert places["aarhus", "mentor_course"].startswith("Aarhus Rådhus")
    generated = next(slug for slug, _kind, _place in rows if slug.startswith("load"))
    assert places[generated, "midway"].startswith("Hovedbiblioteket, Testby")


PARTICIPANT_LOCAL = re.compile(r"^(mentee|mentor|applicant)\d*$|^coordinator$")


def test_no_city_contact_address_looks_like_a_participants(app):
    result = _seed(app, "--cities", "10", "--participants", "2", "--cohorts", "2")
    assert result.exit_code == 0, result.output
    with app.app_context(), cross_tenant(db.session, "test: contact addresses"):
        contacts = [t.contact["email"] for t in db.session.scalars(db.select(Tenant))]
        people = set(db.session.scalars(db.select(User.email)))
    assert len(contacts) == 10
    for email in contacts:
        assert not PARTICIPANT_LOCAL.match(email.split("@")[0]), email
        assert email not in people
        assert email.startswith("kontakt@"), email


def _happened(app):
    """Every timestamp of something the seed says has already happened."""
    from mentoring.applications.models import Application
    from mentoring.meetings.models import Meeting
    from mentoring.surveys.models import SurveyAnswer, SurveyInvitation

    columns = (
        Event.invitations_sent_at,
        EventInvitation.invited_at,
        EventInvitation.responded_at,
        EventInvitation.reminded_at,
        EventInvitation.checked_in_at,
        EventInvitation.created_at,
        Meeting.created_at,
        Pair.created_at,
        SurveyInvitation.sent_at,
        SurveyInvitation.reminded_7_at,
        SurveyInvitation.reminded_14_at,
        SurveyInvitation.completed_at,
        SurveyInvitation.created_at,
        SurveyAnswer.created_at,
        Application.consented_at,
        Application.created_at,
    )
    found = {}
    for column in columns:
        latest = db.session.scalar(db.select(func.max(column)))
        assert latest is not None, column  # the seed made some of each
        found[f"{column.class_.__name__}.{column.key}"] = latest
    found["Meeting.held_on"] = db.session.scalar(db.select(func.max(Meeting.held_on)))
    return found


def test_nothing_that_happened_is_dated_after_the_seed_moment(app):
    """A seed on any day looks true: no invitation sent, meeting logged or answer
    given later than the start of the seed day; the running cohort still has
    events ahead."""
    from mentoring.demo.services import SeedSize, seed, seed_moment

    day = date(2025, 2, 11)  # any day: the seed's dates are all relative to it
    moment = seed_moment(day)
    with app.app_context():
        seed(SeedSize(cities=2, participants=6, cohorts=3), day)
        with cross_tenant(db.session, "test: every demo timestamp"):
            found = _happened(app)
            ahead = db.session.scalar(
                db.select(func.count())
                .select_from(EventInvitation)
                .join(Event, Event.id == EventInvitation.event_id)
                .join(Cohort, Cohort.id == Event.cohort_id)
                .where(Cohort.status == "running", Event.starts_at > moment)
            )
        db.session.rollback()
    for name, latest in found.items():
        if isinstance(latest, datetime):
            latest = (
                latest.replace(tzinfo=moment.tzinfo) if not latest.tzinfo else latest
            )
            assert latest <= moment, (name, latest)
        else:
            assert latest < day, (name, latest)
    assert ahead > 0
    assert found["Meeting.held_on"] >= day - timedelta(days=14)  # recent meetings


def test_a_load_test_seed_still_works(app):
    result = _seed(app, "--cities", "10", "--participants", "20", "--cohorts", "4")
    assert result.exit_code == 0, result.output
    assert _count(app, Cohort, Cohort.status == "running") == 10
    assert _count(app, Cohort, Cohort.status == "closed") == 30
    with app.app_context(), cross_tenant(db.session, "test: load-test accounts"):
        assert (
            db.session.scalar(
                db.select(func.count())
                .select_from(Participant)
                .join(Cohort, Cohort.id == Participant.cohort_id)
                .join(User, User.id == Participant.user_id)
                .where(
                    Cohort.status == "running", User.email.like("mentee1@loadtest-%")
                )
            )
            == 2
        )  # loadtest-009 and loadtest-010


# -- the network's comparison: years of closed cohorts, cities that differ -------

DEMO_CITIES = {
    "aalborg",
    "aarhus",
    "billund",
    "esbjerg",
    "kalundborg",
    "odense",
    "sonderborg",
}


def _closed_cohorts(app):
    """(city, year of the cohort's end, mentees, follow-ups sent, answered, in work)
    for every closed cohort."""
    from mentoring.surveys.models import SurveyInvitation

    with app.app_context(), cross_tenant(db.session, "test: demo outcomes"):
        cohorts = db.session.execute(
            db.select(Cohort.id, Tenant.slug, Cohort.ends_on)
            .join(Tenant, Tenant.id == Cohort.tenant_id)
            .where(Cohort.status == "closed")
        ).all()
        followups = db.session.scalars(
            db.select(SurveyInvitation).where(
                SurveyInvitation.survey_key == "mentee_followup"
            )
        ).all()
        mentees = dict(
            db.session.execute(
                db.select(Participant.cohort_id, func.count())
                .where(Participant.role == "mentee")
                .group_by(Participant.cohort_id)
            ).all()
        )
        rows = []
        for cohort_id, slug, ends_on in cohorts:
            mine = [i for i in followups if i.cohort_id == cohort_id]
            answered = [i for i in mine if i.completed_at is not None]
            working = [
                i for i in answered if [a.value for a in i.answers] == ["employed"]
            ]
            rows.append(
                (
                    slug,
                    ends_on.year,
                    mentees[cohort_id],
                    len(mine),
                    len(answered),
                    len(working),
                )
            )
    return rows


def _by(rows, key):
    totals = {}
    for row in rows:
        sums = totals.setdefault(key(row), [0, 0, 0, 0])
        for index, value in enumerate(row[2:]):
            sums[index] += value
    return totals


def test_each_demo_city_has_closed_cohorts_over_three_calendar_years(app):
    assert _seed(app).exit_code == 0
    rows = _closed_cohorts(app)
    years = {}
    for slug, year, *_ in rows:
        years.setdefault(slug, set()).add(year)
    assert set(years) >= DEMO_CITIES
    for slug in DEMO_CITIES:
        assert len(years[slug]) >= 3, (slug, years[slug])
    assert _count(app, Cohort, Cohort.status == "running") == 8
    # Lyngby-Taarbæk keeps the report's programme: two closed cohorts.
    assert sum(1 for row in rows if row[0] == "lyngby-taarbaek") == 2


def test_demo_cities_differ_and_some_city_years_are_too_small_to_publish(app, city_a):
    """The comparison has something to show and something to suppress: in-work
    shares differ between cities, not everyone answers, two cities are small,
    and Lyngby-Taarbæk still reproduces the report beside them."""
    assert _seed(app).exit_code == 0
    rows = _closed_cohorts(app)
    cities = _by(rows, lambda row: row[0])
    in_work = {
        slug: round(100 * working / answered)
        for slug, (_m, _sent, answered, working) in cities.items()
        if slug in DEMO_CITIES
    }
    assert len(set(in_work.values())) >= 5, in_work
    for slug in DEMO_CITIES:
        _mentees, sent, answered, _working = cities[slug]
        assert 0 < answered < sent, slug  # a realistic response rate
    small = {slug for slug, _y, mentees, *_ in rows if mentees <= 8}
    assert {"billund", "kalundborg"} <= small
    answers = [totals[2] for totals in _by(rows, lambda row: row[:2]).values()]
    assert sum(1 for n in answers if 0 < n < 10) >= 1  # suppressed share
    assert sum(1 for n in answers if n >= 10) >= 3  # published share
    assert _city_figures(app, city_a.id) == REPORT_FIGURES


def test_demo_cities_answer_the_end_of_programme_surveys_differently(app):
    from mentoring.surveys.models import SurveyAnswer, SurveyInvitation, SurveyQuestion

    assert _seed(app).exit_code == 0
    with app.app_context(), cross_tenant(db.session, "test: end-of-programme"):
        rows = db.session.execute(
            db.select(Tenant.slug, SurveyQuestion.key, SurveyAnswer.value)
            .join(SurveyInvitation, SurveyInvitation.id == SurveyAnswer.invitation_id)
            .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
            .join(Tenant, Tenant.id == SurveyAnswer.tenant_id)
            .where(SurveyInvitation.survey_key.in_(("mentee_end", "mentor_end")))
        ).all()
    shares = {}
    for slug, key, value in rows:
        if slug in DEMO_CITIES and value in ("yes", "no"):
            yes, total = shares.get((slug, key), (0, 0))
            shares[slug, key] = (yes + (value == "yes"), total + 1)
    for key in (
        "momentum",
        "work_culture",
        "clarity",
        "cv_improved",
        "interview_skills",
        "network_strengthened",
        "would_recommend",
        "would_again",
    ):
        percents = {
            round(100 * y / n) for (_s, k), (y, n) in shares.items() if k == key
        }
        assert len(percents) >= 3, key
    assert any(y < n for (_s, k), (y, n) in shares.items() if k == "would_recommend")
    motivated = {slug for slug, key, value in rows if key == "motivation" and value}
    assert motivated >= DEMO_CITIES


def test_the_readme_accounts_of_a_demo_city_are_in_its_running_cohort(app):
    assert _seed(app, "--cities", "3").exit_code == 0  # with Aalborg and Aarhus
    for email in ("mentee1@aarhus.example.org", "mentor1@aalborg.example.org"):
        statuses, future = _running_cohort_of(app, email)
        assert "running" in statuses, email
        assert future >= 3, email


# Columns that say when something is planned, not when it happened.
PLANNED = {"starts_at", "ends_at", "deadline_at", "rating_deadline_at"}
NOT_SEEDED = {"tenants"}  # synced from tenants/ before the tests, not by the seed


def test_no_seeded_row_is_dated_in_the_future(app, clock):
    """Every datetime column of every table, found generically: nothing the
    seed wrote (sent, answered, created, logged ...) lies after "now"."""
    from mentoring.core.models import UTCDateTime
    from mentoring.demo.services import SeedSize, seed

    with app.app_context():
        seed(SeedSize(cities=2, participants=5, cohorts=3), clock.today())
        now = utcnow()
        checked = 0
        with cross_tenant(db.session, "test: every datetime column"):
            for table in db.metadata.sorted_tables:
                if table.name in NOT_SEEDED:
                    continue
                for column in table.columns:
                    if not isinstance(column.type, UTCDateTime):
                        continue
                    if column.name in PLANNED:
                        continue
                    latest = db.session.scalar(db.select(func.max(column)))
                    checked += latest is not None
                    if latest is not None:
                        latest = (
                            latest
                            if latest.tzinfo
                            else latest.replace(tzinfo=now.tzinfo)
                        )
                        assert latest <= now, (table.name, column.name, latest)
        db.session.rollback()
    assert checked > 20  # the seed filled most of them


def test_every_cohort_with_people_and_a_kickoff_has_a_speed_dating_plan(app):
    from mentoring.matching.models import SpeedDate, SpeedDatingPlan

    result = _seed(app, "--cities", "2", "--participants", "4", "--cohorts", "3")
    assert result.exit_code == 0, result.output
    with app.app_context(), cross_tenant(db.session, "test: plans per cohort"):
        with_kickoff = set(
            db.session.scalars(
                db.select(Event.cohort_id)
                .join(Participant, Participant.cohort_id == Event.cohort_id)
                .where(Event.kind == "kickoff")
            )
        )
        planned = dict(
            db.session.execute(
                db.select(SpeedDatingPlan.cohort_id, SpeedDatingPlan.created_at)
            ).all()
        )
        kickoffs = dict(
            db.session.execute(
                db.select(Event.cohort_id, Event.starts_at).where(
                    Event.kind == "kickoff"
                )
            ).all()
        )
        talks = db.session.scalar(db.select(func.count()).select_from(SpeedDate))
    assert len(with_kickoff) == 2 * 3  # held cohorts; the recruiting one has nobody
    assert with_kickoff <= set(planned)
    assert talks == 2 * 3 * 4 * 4  # everyone meets all four mentors
    for cohort_id in with_kickoff:
        made = planned[cohort_id].replace(tzinfo=None)
        assert made < kickoffs[cohort_id].replace(tzinfo=None)  # before the evening


def test_events_have_a_place_and_a_description(app):
    result = _seed(app, "--cities", "2", "--participants", "2", "--cohorts", "2")
    assert result.exit_code == 0, result.output
    assert _count(app, Event) > 0
    assert _count(app, Event, Event.location == "") == 0
    assert (
        _count(app, Event, (Event.description_da == "") | (Event.description_en == ""))
        == 0
    )


def test_the_running_cohort_has_a_survey_waiting(app, client_for, city_a):
    result = _seed(app, "--cities", "1", "--participants", "3", "--cohorts", "2")
    assert result.exit_code == 0, result.output
    client = client_for(city_a)
    login(client, "mentee1@lyngby-taarbaek.example.org", "demo-password")
    html = client.get("/me/?lang=en").get_data(as_text=True)
    todo = html[html.index("To do") : html.index("Your next events")]
    assert "Midway check-in: your answers are wanted." in todo
    link = re.search(r'href="(/me/surveys/[^"]+)"', todo).group(1)
    survey = client.get(link, follow_redirects=True)
    assert survey.status_code == 200 and 'class="survey"' in survey.get_data(
        as_text=True
    )
