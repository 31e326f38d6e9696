"""Every form sent back with errors opens with one error summary: announced, focused,
linking to each field; the fields are marked invalid and point at their message."""

import re

import pytest

pytestmark = pytest.mark.django_db


def summary_of(html):
    match = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def input_tag(html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, f"no input {name}"
    return match.group(0)


def test_failed_log_in_is_announced_and_linked_to_both_fields(client, trainee):
    response = client.post("/accounts/login/", {"login": trainee.email,
                                                "password": "not-the-password"})
    assert response.status_code == 200
    html = response.content.decode()
    summary = summary_of(html)
    assert 'role="alert"' in summary and "autofocus" in summary and 'tabindex="-1"' in summary
    # The error links to the e-mail field, and only one summary is on the page.
    assert 'href="#id_login"' in summary
    assert html.count('class="error-summary"') == 1
    for name in ("login", "password"):
        tag = input_tag(html, name)
        assert 'aria-invalid="true"' in tag
        assert 'aria-describedby="error-summary-form"' in tag
    assert 'id="error-summary-form"' in summary
    # The same message is not repeated above the fields.
    assert html.count("not correct") == 1


def test_log_in_form_without_errors_has_no_summary(client):
    html = client.get("/accounts/login/").content.decode()
    assert "error-summary" not in html
    assert 'aria-invalid' not in input_tag(html, "password")


def test_sign_up_errors_link_to_their_fields(client):
    response = client.post("/ar/accounts/signup/", {"email": "not-an-address",
                                                   "password1": "x", "password2": "y"})
    html = response.content.decode()
    summary = summary_of(html)
    assert 'href="#id_email"' in summary
    tag = input_tag(html, "email")
    assert 'aria-invalid="true"' in tag and "id_email_error" in tag
