"""Demo people and organisations. Every other app's demo builds on these.

Besides the demo logins, this layer lays out the programme the indicators count: three
member organisations of one consortium in Lebanon and Jordan, their sites, a coordinator,
and the staff who train and supervise the programme cohorts (courses/demo.py).
"""

import contextlib
import functools
import time

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from .models import Consortium, Organisation, Site, User
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

# The programme: the consortium's members (indexes into ORGANISATIONS) and their sites,
# (name, kind, country, administrative area).
CONSORTIUM = "MHPSS Technical Working Group — Jordan and Lebanon"
CONSORTIUM_MEMBERS = [0, 1, 3]
SITES = {
    0: [("Shatila community centre", Site.Kind.COMMUNITY_CENTRE, "LB", "Beirut"),
        ("Bar Elias informal settlement", Site.Kind.CAMP, "LB", "Bekaa"),
        ("Tripoli primary health care centre", Site.Kind.HEALTH_FACILITY, "LB", "North")],
    1: [("Zaatari camp — district 5 centre", Site.Kind.CAMP, "JO", "Mafraq"),
        ("Irbid community centre", Site.Kind.COMMUNITY_CENTRE, "JO", "Irbid"),
        ("Azraq camp clinic", Site.Kind.HEALTH_FACILITY, "JO", "Zarqa")],
    3: [("Al-Amal centre, Jabal al-Nuzha", Site.Kind.COMMUNITY_CENTRE, "JO", "Amman"),
        ("East Amman mobile team", Site.Kind.MOBILE, "JO", "Amman")],
}
COORDINATOR = "coordinator@sanad.example"
# Who trains and supervises the programme cohorts, by organisation index.
PROGRAMME_STAFF = [
    ("trainer.lb@sanad.example", "Nadine Khoury", [Role.TRAINER], 0, "LB", "en"),
    ("supervisor.lb@sanad.example", "سامر حداد", [Role.SUPERVISOR], 0, "LB", "ar"),
    ("trainer.jo@sanad.example", "Hala Obeidat", [Role.TRAINER], 1, "JO", "en"),
    ("supervisor.jo@sanad.example", "Tariq Al-Zoubi", [Role.SUPERVISOR], 1, "JO", "en"),
    ("supervisor.zaatari@sanad.example", "ريم المصري", [Role.SUPERVISOR], 1, "JO", "ar"),
    ("trainer.amman@sanad.example", "Dr. Lina Hijazi", [Role.TRAINER], 3, "JO", "en"),
    ("supervisor.amman@sanad.example", "Ahmad Qasem", [Role.SUPERVISOR], 3, "JO", "en"),
]

LOGINS = [
    ("Trainee", "trainee@sanad.example"),
    ("Trainer", "trainer@sanad.example"),
    ("Lead trainer", "lead.trainer@sanad.example"),
    ("Supervisor", "supervisor@sanad.example"),
    ("Programme manager", "manager@sanad.example"),
    ("Coordinator", COORDINATOR),
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
        user.password = hashed_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(*Group.objects.filter(name__in=[r.value for r in roles]))
    if user.is_staff or any(role != Role.TRAINEE for role in roles):
        ensure_demo_totp(user)
    return user


@functools.cache
def hashed_password(password: str) -> str:
    """The password hashed once for every demo account: hashing is slow on purpose, and
    demo accounts share their published password anyway."""
    return make_password(password)


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
    _seed_programme(organisations)
    stdout.write("Demo people and organisations ready.")


def _seed_programme(organisations):
    for index, sites in SITES.items():
        for name, kind, country, admin_area in sites:
            Site.objects.get_or_create(organisation=organisations[index], name=name,
                                       defaults={"kind": kind, "country": country,
                                                 "admin_area": admin_area})
    consortium, _ = Consortium.objects.get_or_create(name=CONSORTIUM)
    consortium.members.add(*(organisations[i] for i in CONSORTIUM_MEMBERS))
    # A coordinator works for the coordination body, not for one of its members.
    coordinator = ensure_person(COORDINATOR, "Dana Haddadin", [Role.COORDINATOR], None, "JO",
                                "en")
    consortium.coordinators.add(coordinator)
    for email, name, roles, org_index, country, language in PROGRAMME_STAFF:
        ensure_person(email, name, roles, organisations[org_index], country, language)


@contextlib.contextmanager
def historical_timestamps(*fields):
    """Let bulk_create store the given auto_now(_add) fields as set, for back-dated demo
    history (enrolled a year ago, rated last month); restored on exit."""
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    try:
        for field in fields:
            field.auto_now = field.auto_now_add = False
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def print_logins(stdout):
    stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
    for role, email in LOGINS:
        stdout.write(f"  {role:<18} {email}")
    stdout.write("\nEveryone but the trainee also needs a code from an authenticator app:")
    stdout.write(f"  add the secret {DEMO_TOTP_SECRET} to one, or run `manage.py demo_code`.")
    stdout.write("\nOpen http://127.0.0.1:8000/\n")
