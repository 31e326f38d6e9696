"""Five trainees submit the post-test at the same moment, against a file-based SQLite
database (the default without DATABASE_URL). Run by test_sqlite_concurrency.py in a
subprocess, with DATABASE_URL pointing at a fresh temporary file; prints a JSON summary.

    python -m tests.lms.sqlite_writers
"""

import json
import os
import sys
import threading
import traceback

WRITERS = 5


def main() -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from courses.models import AssessmentAttempt
    from lms.celery import app
    from tests.courses.conftest import answers
    from tests.factories import EnrollmentFactory, TraineeFactory, learning_course
    from tests.once import with_token

    setup_test_environment()
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    call_command("migrate", verbosity=0, interactive=False)
    journal_mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    course = learning_course(title="الإسعاف النفسي الأولي", slug="pfa")
    post_test = course.get_descendants().type(
        django.apps.apps.get_model("content", "AssessmentPage")).specific().get(
        slug="post-test")
    trainees = [TraineeFactory(full_name=f"متدرب {n}", email=f"trainee{n}@example.org")
                for n in range(WRITERS)]
    for trainee in trainees:
        EnrollmentFactory(trainee=trainee, course=course)
    url = reverse("courses:assessment_submit", args=[post_test.pk])
    clients = []
    for trainee in trainees:
        client = Client(raise_request_exception=True)
        client.force_login(trainee)
        clients.append(client)
    connections.close_all()

    start = threading.Barrier(WRITERS)
    statuses, errors = [], []

    def submit(client):
        try:
            start.wait()
            statuses.append(client.post(url, with_token(answers(post_test))).status_code)
        except Exception:  # noqa: BLE001 - every failure is reported to the test
            errors.append(traceback.format_exc(limit=3))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return {"journal_mode": journal_mode, "statuses": statuses, "errors": errors,
            "attempts": AssessmentAttempt.objects.count()}


if __name__ == "__main__":
    json.dump(main(), sys.stdout)
