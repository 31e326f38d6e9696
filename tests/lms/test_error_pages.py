"""Error pages (400, 403, CSRF failure, 404, 500) wear Sanad's layout, in the reader's
language and direction, with a way back; the 500 page never needs the database."""

import pytest
from django.db import OperationalError, connections
from django.test import Client

pytestmark = pytest.mark.django_db


def assert_sanad_layout_in_arabic(response, status):
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'class="site-header"' in html and '<main id="main"' in html
    assert 'class="skip-link"' in html
    # The way back goes to the Arabic home page.
    assert 'href="/ar/"' in html
    return html


def test_404_in_arabic(client):
    html = assert_sanad_layout_in_arabic(client.get("/ar/no-such-page/"), 404)
    assert "Not Found" not in html
    assert 'aria-label="' in html  # the main navigation, labelled


@pytest.mark.urls("tests.lms.error_urls")
def test_403_in_arabic(client, trainee):
    client.force_login(trainee)
    html = assert_sanad_layout_in_arabic(client.get("/ar/test-forbidden/"), 403)
    assert "403 Forbidden" not in html
    # The signed-in person's own navigation is there (the page had a request).
    assert "/ar/learn/" in html


def test_csrf_failure_in_arabic(db):
    client = Client(enforce_csrf_checks=True)
    html = assert_sanad_layout_in_arabic(
        client.post("/ar/accounts/login/", {"login": "a@example.org", "password": "x"}), 403)
    assert "CSRF verification failed" not in html


def test_400_in_arabic(client):
    html = assert_sanad_layout_in_arabic(
        client.get("/ar/courses/", HTTP_HOST="not-our-site.example"), 400)
    assert "Bad Request (400)" not in html


@pytest.mark.urls("tests.lms.error_urls")
def test_500_in_arabic(db):
    client = Client(raise_request_exception=False)
    html = assert_sanad_layout_in_arabic(client.get("/ar/test-broken/"), 500)
    assert "Server Error (500)" not in html


def test_500_renders_with_the_database_down(db):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("could not connect to server")

    client = Client(raise_request_exception=False)
    with connections["default"].execute_wrapper(database_down):
        # The home page is read from the database, so this request fails on its first query.
        response = client.get("/ar/")
    html = assert_sanad_layout_in_arabic(response, 500)
    assert "<h1>" in html
