"""Two web processes and two Celery workers sharing PostgreSQL and Redis, as README's
"Scale out" deployment: certificates issued through both workers are read from both web
processes, and a person signed in on one is signed in on the other.

Runs only on PostgreSQL with a Redis broker (CI's second pass), like the worker tests.
"""

import hashlib
import re
import socket
import subprocess
import sys
import time
from http.cookiejar import CookieJar
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
from django.conf import settings
from django.db import connection

from certificates.models import Certificate
from lms.models import OutgoingEmail
from tests.certificates.test_worker_kill import ROOT, Deployment, _own_redis_database
from tests.factories import TEST_PASSWORD, CertificateCohortFactory, CertificateEnrollmentFactory

COUNT = 8


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ScaledOut(Deployment):
    def __init__(self, broker_url, mail_dir, cache_url):
        super().__init__(broker_url, mail_dir)
        # Sessions live in the database; caches (roles, plans, routes, rate limits) in
        # Redis, shared by both web processes.
        self.env["CACHE_URL"] = cache_url
        self.webs: list[tuple[subprocess.Popen, str]] = []

    def start_web(self) -> str:
        port = _free_port()
        web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "lms.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        self.webs.append((web, url))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return url
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"the web process on {port} did not start")

    def tasks_per_worker(self) -> dict[str, int]:
        out = subprocess.run(
            [sys.executable, "-m", "celery", "-A", "lms", "inspect", "stats", "--json",
             "--timeout", "5"], cwd=ROOT, env=self.env, capture_output=True, text=True,
            timeout=60).stdout
        import json

        stats = json.loads(out[out.index("{"):])
        return {name: sum(s.get("total", {}).values()) for name, s in stats.items()}

    def stop(self) -> None:
        for web, _url in self.webs:
            web.terminate()
            web.wait(timeout=30)
        super().stop()


def _session(base_url, email):
    """Sign in through the log-in form of one web process; returns the browser."""
    jar = CookieJar()
    browser = build_opener(HTTPCookieProcessor(jar))
    page = browser.open(f"{base_url}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    request = Request(f"{base_url}/accounts/login/", data=urlencode({
        "csrfmiddlewaretoken": token, "login": email, "password": TEST_PASSWORD}).encode(),
        headers={"Referer": f"{base_url}/accounts/login/"})
    landed = browser.open(request)
    assert "/accounts/login/" not in landed.url, "the log-in failed"
    return browser


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_web_processes_and_two_workers_share_everything(tmp_path):
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip("set CELERY_BROKER_URL to a Redis broker to run against real workers")
    import redis

    # Databases of its own (the worker-kill test takes +1, the bulk issue +2).
    broker_url = _own_redis_database(settings.CELERY_BROKER_URL, offset=3)
    cache_url = _own_redis_database(settings.CELERY_BROKER_URL, offset=4)
    for url in (broker_url, cache_url):
        redis.Redis.from_url(url).flushdb()
    cohort = CertificateCohortFactory()
    enrollments = [CertificateEnrollmentFactory(cohort=cohort) for _ in range(COUNT)]
    connection.close()  # the processes must see committed rows
    deployment = ScaledOut(broker_url, tmp_path / "mail", cache_url)
    try:
        deployment.start_worker()
        deployment.start_worker()
        webs = [deployment.start_web(), deployment.start_web()]
        deployment.manage("certificates_sweep")  # the bulk issue
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not (
                Certificate.objects.exclude(pdf_sha256="").count() == COUNT
                and OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT).count()
                == COUNT):
            time.sleep(0.5)
        per_worker = deployment.tasks_per_worker()
        assert len(per_worker) == 2 and all(per_worker.values()), per_worker

        certificates = list(Certificate.objects.select_related("enrollment__trainee"))
        assert sorted(c.enrollment_id for c in certificates) == sorted(e.pk for e in enrollments)
        opener = build_opener()
        for certificate in certificates:
            for web in webs:
                page = opener.open(f"{web}/verify/{certificate.code}/").read().decode()
                assert certificate.name_as_issued in page
        # Signed in on one web process, the trainee downloads from the other: sessions
        # and files are shared, and the PDF is the one the workers stored.
        certificate = certificates[0]
        browser = _session(webs[0], certificate.enrollment.trainee.email)
        pdf = browser.open(f"{webs[1]}/certificates/{certificate.pk}/certificate.pdf").read()
        assert hashlib.sha256(pdf).hexdigest() == certificate.pdf_sha256
    finally:
        deployment.stop()
