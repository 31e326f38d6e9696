"""The one-time form token: the tag, the decorator's bookkeeping and the daily purge."""

import datetime
import re
import uuid

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from lms import tasks
from lms.models import SubmissionToken
from lms.once import KEEP_CLAIMS_FOR, TOKEN_FIELD, Submission, purge_claims, token_for_form

pytestmark = pytest.mark.django_db


def render_field(request=None):
    return Template("{% load once %}{% once_field %}").render(Context({"request": request}))


def test_tag_renders_a_hidden_input_with_a_fresh_token():
    first, second = render_field(), render_field(RequestFactory().get("/"))
    pattern = rf'<input type="hidden" name="{TOKEN_FIELD}" value="([0-9a-f-]{{36}})">'
    tokens = [re.fullmatch(pattern, html).group(1) for html in (first, second)]
    assert tokens[0] != tokens[1]
    assert all(uuid.UUID(token).version == 4 for token in tokens)


def test_tag_keeps_the_posted_token_of_a_form_with_errors():
    request = RequestFactory().post("/", {TOKEN_FIELD: "ignored"})
    token = uuid.uuid4()
    request.once = Submission(token=token)
    assert str(token) in render_field(request)
    assert token_for_form(request) == token
    request.once = Submission(token=None)
    assert token_for_form(request) != token


def _claim(user, age):
    claim = SubmissionToken.objects.create(token=uuid.uuid4(), user=user,
                                           result_url="/practice/1/",
                                           result_messages=[[25, "تم حفظ المسودة"]])
    SubmissionToken.objects.filter(pk=claim.pk).update(created_at=timezone.now() - age)
    return claim


def test_purge_forgets_claims_older_than_a_day(trainee):
    old = _claim(trainee, KEEP_CLAIMS_FOR + datetime.timedelta(minutes=1))
    recent = _claim(trainee, datetime.timedelta(hours=23))
    assert purge_claims() == 1
    assert list(SubmissionToken.objects.all()) == [recent]
    assert not SubmissionToken.objects.filter(pk=old.pk).exists()
    # Safe to run twice.
    assert tasks.purge_submission_tokens.delay().get() == 0
    assert SubmissionToken.objects.count() == 1


def test_purge_is_scheduled_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["lms-purge-submission-tokens"]
    assert entry["task"] == "lms.tasks.purge_submission_tokens"
    assert entry["schedule"] == 24 * 60 * 60


def test_token_is_unique(trainee, supervisor):
    from django.db import IntegrityError, transaction

    claim = _claim(trainee, datetime.timedelta(0))
    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionToken.objects.create(token=claim.token, user=supervisor, result_url="/")


def test_claims_go_with_their_user(trainee):
    _claim(trainee, datetime.timedelta(0))
    trainee.delete()
    assert not SubmissionToken.objects.exists()
