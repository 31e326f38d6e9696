"""Demo people and organisations. Every other app's demo builds on these."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .models import Organisation, User
from .roles import Role

DEMO_PASSWORD = "sanad-demo-2026"

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
    return user


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
    stdout.write("\nOpen http://127.0.0.1:8000/\n")
