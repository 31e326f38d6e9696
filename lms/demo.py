"""Demo people and organisations. Every other app's demo builds on these."""

import time

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Group

from .models import Organisation, User
from .roles import Role

DEMO_PASSWORD = "sanad-demo-2026"
# Staff must have a second factor (lms.middleware), so the demo staff share this published
# authenticator secret: add it to any authenticator app, or run `manage.py demo_code`.
# Published like the password; seed_demo refuses to run in production.
DEMO_TOTP_SECRET = "SANADDEMOSANADDEMOSANADDEMOSANAD"

ORGANISATIONS = [
    ("Cedar Psychosocial Network", Organisation.Kind.NATIONAL_NGO, "LB"),
    ("Horizons International Relief", Organisation.Kind.INTERNATIONAL_NGO, "JO"),
    ("Ministry of Public Health — Mental Health Programme", Organisation.Kind.GOVERNMENT, "LB"),
    ("Al-Amal Community Centre", Organisation.Kind.COMMUNITY_BASED, "JO"),
]

# (e-mail, full name, roles, organisation index, country, language)
PEOPLE = [
    ("trainee@sanad.example", "Layla Haddad", [Role.TRAINEE], 0, "LB", "en"),
    ("trainee.ar@sanad.example", "يوسف الخطيب", [Role.TRAINEE], 3, "JO", "ar"),
    ("trainee.fr@sanad.example", "Amina Diallo", [Role.TRAINEE], 1, "JO", "fr"),
    ("trainer@sanad.example", "Omar Nassar", [Role.TRAINER], 1, "JO", "en"),
    ("lead.trainer@sanad.example", "Dr. Rana Saleh", [Role.TRAINER, Role.LEAD_TRAINER], 1, "JO", "en"),
    ("supervisor@sanad.example", "Karim Mansour", [Role.SUPERVISOR], 2, "LB", "en"),
    ("manager@sanad.example", "Sophie Laurent", [Role.PROGRAMME_MANAGER], 0, "LB", "fr"),
]

LOGINS = [
    ("Trainee", "trainee@sanad.example"),
    ("Trainer", "trainer@sanad.example"),
    ("Lead trainer", "lead.trainer@sanad.example"),
    ("Supervisor", "supervisor@sanad.example"),
    ("Programme manager", "manager@sanad.example"),
    ("Administrator", "admin@sanad.example"),
]


def ensure_person(email, full_name, roles, organisation=None, country="", language="en",
                  password=DEMO_PASSWORD, **extra):
    """Create or update a demo user with a verified e-mail address and the given roles."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"full_name": full_name, "organisation": organisation, "country": country,
                  "preferred_language": language, **extra},
    )
    if created:
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(*Group.objects.filter(name__in=[r.value for r in roles]))
    if user.is_staff or any(role != Role.TRAINEE for role in roles):
        ensure_demo_totp(user)
    return user


def ensure_demo_totp(user):
    """Give a demo staff member an authenticator app with the published demo secret."""
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": get_adapter().encrypt(DEMO_TOTP_SECRET)}})


def demo_code(at=None) -> str:
    """The demo authenticator's code now (or at a Unix time)."""
    counter = int(time.time() if at is None else at) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


def seed(stdout):
    organisations = []
    for name, kind, country in ORGANISATIONS:
        org, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "country": country})
        organisations.append(org)
    for email, name, roles, org_index, country, language in PEOPLE:
        ensure_person(email, name, roles, organisations[org_index], country, language)
    ensure_person("admin@sanad.example", "Sanad Administrator", [], organisations[1], "JO",
                  is_staff=True, is_superuser=True)
    stdout.write("Demo people and organisations ready.")


def print_logins(stdout):
    stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
    for role, email in LOGINS:
        stdout.write(f"  {role:<18} {email}")
    stdout.write("\nEveryone but the trainee also needs a code from an authenticator app:")
    stdout.write(f"  add the secret {DEMO_TOTP_SECRET} to one, or run `manage.py demo_code`.")
    stdout.write("\nOpen http://127.0.0.1:8000/\n")
