"""With REDIS_URL, jobs wait on the real queue until a worker takes them."""

from __future__ import annotations

from mentoring.jobs import MAIL, get_queue, queue_name
from mentoring.mail.models import QUEUED, SENT
from tests.conftest import REDIS_URL, require
from tests.mail.helpers import email_row, eml_files, queue_and_commit


def test_commit_puts_the_job_on_redis_and_a_worker_delivers_it(
    app, city_a, make_user, outbox, run_jobs
):
    require(bool(REDIS_URL), "needs Redis (REDIS_URL)")
    make_user(city_a, email="redis@example.org")
    email_id = queue_and_commit(app, city_a, "redis@example.org")

    with app.app_context():
        queue = get_queue(MAIL)
        [job] = queue.jobs
    assert (
        queue.name == queue_name(app, "mail") == f"{app.config['RQ_QUEUE_PREFIX']}-mail"
    )
    assert job.func_name == "mentoring.mail.jobs.deliver_email"
    assert job.args == (str(city_a.id), str(email_id))  # ids, tenant first
    assert eml_files(app) == []
    assert email_row(app, city_a, email_id).status == QUEUED

    run_jobs()
    job.refresh()
    assert job.is_finished
    assert job.return_value() == str(eml_files(app)[0])
    assert email_row(app, city_a, email_id).status == SENT
