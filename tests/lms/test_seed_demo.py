import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from lms.demo import DEMO_PASSWORD, LOGINS
from lms.models import Organisation, User
from lms.roles import Role

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_every_printed_login_works(capsys):
    call_command("seed_demo")
    counts = (User.objects.count(), Organisation.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Organisation.objects.count()) == counts

    printed = capsys.readouterr().out
    for _role, email in LOGINS:
        assert email in printed
        assert authenticate(email=email, password=DEMO_PASSWORD) is not None, email
    assert User.objects.get(email="trainee@sanad.example").has_role(Role.TRAINEE)
    assert User.objects.get(email="supervisor@sanad.example").has_role(Role.SUPERVISOR)
    assert User.objects.get(email="admin@sanad.example").is_superuser


def test_seed_demo_refuses_with_production_settings(settings):
    from django.core.management.base import CommandError

    settings.SANAD_PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert not User.objects.filter(email="admin@sanad.example").exists()
