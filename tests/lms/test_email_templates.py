"""Plain-text e-mails must show names as typed: O'Neil & Co, not O&#x27;Neil &amp; Co."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

TEMPLATE_DIRS = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
TEXT_EMAILS = sorted(path.relative_to(root).as_posix() for root in TEMPLATE_DIRS
                     for path in root.glob("**/email/*.txt"))


def test_the_project_has_plain_text_emails():
    assert "courses/email/cohort_invitation.txt" in TEXT_EMAILS


@pytest.mark.parametrize("name", TEXT_EMAILS)
def test_every_plain_text_email_turns_off_html_escaping(name):
    source = next(root / name for root in TEMPLATE_DIRS if (root / name).exists()).read_text()
    assert "{% autoescape off %}" in source and "{% endautoescape %}" in source


def test_the_invitation_subject_keeps_apostrophes_and_ampersands():
    subject = render_to_string("courses/email/cohort_invitation_subject.txt",
                               {"course": {"title": "Children's needs & PFA"}})
    assert subject.strip() == "You are invited to the course Children's needs & PFA"
