"""The enforced Content Security Policy and the endpoint browsers report violations to."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from lms.csp import MAX_REPORT_BYTES
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENFORCE = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"
URL = "/csp-report/"

LEGACY_REPORT = {"csp-report": {
    "document-uri": "https://sanad.example/verify/?code=SND-SECRET-CODE#frag",
    "referrer": "",
    "violated-directive": "script-src-elem",
    "effective-directive": "script-src-elem",
    "original-policy": "default-src 'self'; script-src 'self'",
    "disposition": "enforce",
    "blocked-uri": "inline",
    "line-number": 12,
    "source-file": "https://sanad.example/verify/?code=SND-SECRET-CODE",
    "status-code": 200,
    "script-sample": "",
}}
REPORTING_API_REPORT = [{
    "age": 2,
    "type": "csp-violation",
    "url": "https://sanad.example/learn/",
    "user_agent": "Mozilla/5.0",
    "body": {
        "documentURL": "https://sanad.example/learn/?q=private",
        "effectiveDirective": "img-src",
        "blockedURL": "https://tracker.example/pixel.gif?who=layla",
        "originalPolicy": "default-src 'self'",
        "disposition": "enforce",
        "statusCode": 200,
        "sourceFile": None,
        "lineNumber": None,
    },
}]


def policy(response) -> dict:
    directives = (part.strip().split(None, 1) for part in response[ENFORCE].split(";"))
    return {d[0]: (d[1] if len(d) > 1 else "") for d in directives}


def post(client, body, content_type="application/csp-report", **extra):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(URL, data, content_type=content_type, **extra)


# --- The policy ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/verify/", "/accounts/login/", "/no-such-page/"])
def test_public_and_error_pages_enforce_the_strict_policy(client, path):
    response = client.get(path)
    assert ENFORCE in response
    assert REPORT_ONLY not in response
    rules = policy(response)
    assert rules["script-src"] == "'self'"
    assert rules["style-src"] == "'self'"
    assert rules["object-src"] == "'none'"
    assert rules["report-uri"] == URL


def test_an_error_page_is_covered(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "unsafe-inline" not in response[ENFORCE]


def test_a_trainee_page_enforces_the_strict_policy(client, trainee):
    client.force_login(trainee)
    response = client.get(reverse("courses:my_learning"))
    assert response.status_code == 200
    assert REPORT_ONLY not in response
    assert "unsafe-inline" not in response[ENFORCE]
    # Lesson videos are framed from YouTube's no-cookie domain and Vimeo, nothing else.
    assert policy(response)["frame-src"] == ("https://www.youtube-nocookie.com "
                                             "https://www.youtube.com https://player.vimeo.com")


def test_only_the_wagtail_admin_may_run_inline_script(client):
    response = client.get("/cms/login/")
    rules = policy(response)
    assert rules["script-src"] == "'self' 'unsafe-inline'"
    assert rules["frame-src"].startswith("'self' ")  # Wagtail's live preview
    assert rules["object-src"] == "'none'"
    assert rules["report-uri"] == URL
    assert REPORT_ONLY not in response


@pytest.mark.parametrize("path", ["/django-admin/login/", "/ar/cms/", "/cmsx/"])
def test_the_django_admin_and_look_alike_paths_are_strict(client, path):
    assert "unsafe-inline" not in client.get(path)[ENFORCE]


def test_the_admin_shows_no_gravatar(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/cms/")
    assert response.status_code == 200
    assert "gravatar.com" not in response.content.decode()


# --- The report endpoint ---------------------------------------------------------------


def test_a_legacy_report_is_logged_without_query_strings(client, caplog):
    with caplog.at_level(logging.WARNING, logger="sanad.csp"):
        response = post(client, LEGACY_REPORT)
    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "sanad.csp"]
    message = record.getMessage()
    assert "script-src-elem blocked inline on https://sanad.example/verify/" in message
    assert "SND-SECRET-CODE" not in message  # a query string may carry personal data
    assert "enforce" in message


def test_a_reporting_api_report_is_logged(client, caplog):
    with caplog.at_level(logging.WARNING, logger="sanad.csp"):
        response = post(client, REPORTING_API_REPORT, "application/reports+json")
    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "sanad.csp"]
    message = record.getMessage()
    assert ("img-src blocked https://tracker.example/pixel.gif on https://sanad.example/learn/"
            in message)
    assert "layla" not in message and "private" not in message


def test_reports_of_other_types_in_a_batch_are_ignored(client, caplog):
    batch = [{"type": "deprecation", "body": {"message": "x"}}, *REPORTING_API_REPORT]
    with caplog.at_level(logging.WARNING, logger="sanad.csp"):
        assert post(client, batch, "application/reports+json").status_code == 204
    assert len([r for r in caplog.records if r.name == "sanad.csp"]) == 1


def test_forged_log_lines_are_flattened(client, caplog):
    report = {"csp-report": {**LEGACY_REPORT["csp-report"],
                             "violated-directive": "x\nCRITICAL forged entry",
                             "effective-directive": None}}
    with caplog.at_level(logging.WARNING, logger="sanad.csp"):
        post(client, report)
    [record] = [r for r in caplog.records if r.name == "sanad.csp"]
    assert "\n" not in record.getMessage()


@pytest.mark.parametrize(("body", "content_type"), [
    (b"not json", "application/csp-report"),
    (b"\xff\xfe", "application/csp-report"),
    (b"[1, 2]", "application/csp-report"),
    (b'{"csp-report": "text"}', "application/csp-report"),
    (b'{"csp-report": {}}', "text/plain"),
    (b'[{"type": "csp-violation", "body": 3}]', "application/reports+json"),
    (b"", "application/csp-report"),
])
def test_junk_is_answered_and_not_logged(client, caplog, body, content_type):
    with caplog.at_level(logging.WARNING, logger="sanad.csp"):
        response = post(client, body, content_type)
    assert response.status_code == 204
    assert not [r for r in caplog.records if r.name == "sanad.csp"]


def test_get_is_refused(client):
    assert client.get(URL).status_code == 405


def test_oversized_bodies_are_refused_unread(client, caplog):
    padded = {"csp-report": {**LEGACY_REPORT["csp-report"],
                             "script-sample": "x" * MAX_REPORT_BYTES}}
    with caplog.at_level(logging.WARNING, logger="sanad.csp"):
        response = post(client, padded)
    assert response.status_code == 413
    assert not [r for r in caplog.records if r.name == "sanad.csp"]


def test_a_body_longer_than_it_says_is_cut_and_refused(client, caplog, rf):
    from lms.csp import csp_report

    body = b" " * (MAX_REPORT_BYTES + 10) + json.dumps(LEGACY_REPORT).encode()
    request = rf.post(URL, body, content_type="application/csp-report")
    request.META["CONTENT_LENGTH"] = "100"  # a lying or missing length
    with caplog.at_level(logging.WARNING, logger="sanad.csp"):
        response = csp_report(request)
    assert response.status_code == 413
    assert not [r for r in caplog.records if r.name == "sanad.csp"]


def test_no_csrf_token_is_needed():
    client = Client(enforce_csrf_checks=True)
    assert post(client, LEGACY_REPORT).status_code == 204


def test_reports_are_rate_limited_per_client(client, caplog, settings):
    settings.SANAD_CSP_REPORTS_PER_MINUTE = 3
    settings.SANAD_TRUSTED_PROXY_COUNT = 1
    behind_proxy = {"REMOTE_ADDR": "10.0.0.5"}
    with caplog.at_level(logging.WARNING, logger="sanad.csp"):
        statuses = [post(client, LEGACY_REPORT, HTTP_X_FORWARDED_FOR="198.51.100.66",
                         **behind_proxy).status_code for _ in range(5)]
    assert statuses == [204, 204, 204, 429, 429]
    assert len([r for r in caplog.records if r.name == "sanad.csp"]) == 3  # none over the limit
    # Another client behind the same proxy still reports.
    assert post(client, LEGACY_REPORT, HTTP_X_FORWARDED_FOR="198.51.100.7",
                **behind_proxy).status_code == 204
