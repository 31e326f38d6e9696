"""Journey: consent. A trainer invites a trainee who already studies on their own; the
trainee sees the invitation on My learning and accepts it. A self-paced trainee asks a
supervisor of their organisation, who accepts. One step is seen in Arabic."""

import re

from playwright.sync_api import expect

from courses.models import CohortInvitation, Enrollment
from supervision.models import SupervisorAssignment
from tests.e2e.helpers import check_page, log_in
from tests.factories import (
    TEST_PASSWORD,
    CohortFactory,
    EnrollmentFactory,
    OrganisationFactory,
    SupervisorFactory,
    TraineeFactory,
    TrainerFactory,
    practice_course,
)

JOURNEY = "consent"


def test_invitation_is_accepted_and_supervision_is_requested(new_page):
    course = practice_course(title="Psychological first aid", slug="pfa-consent",
                             practice=(("Individual counselling session", "2"),),
                             competencies=(("Active listening", 3),))
    cedar = OrganisationFactory(name="Cedar Psychosocial Network")
    trainer = TrainerFactory(email="omar@example.org", full_name="Omar Nassar")
    cohort = CohortFactory(course=course, name="Saida — spring", organisation=cedar)
    cohort.trainers.add(trainer)
    layla = TraineeFactory(email="layla@example.org", full_name="Layla Haddad")
    enrollment = EnrollmentFactory(trainee=layla, course=course, cohort=None)
    rania = TraineeFactory(email="rania@example.org", full_name="رانيا خوري",
                           organisation=cedar)
    solo = EnrollmentFactory(trainee=rania, course=course, cohort=None)
    salma = SupervisorFactory(email="salma@example.org", full_name="Salma Nasser",
                              organisation=cedar)

    # The trainer invites Layla, who already studies the course on her own.
    trainer_page = new_page()
    log_in(trainer_page, trainer.email, TEST_PASSWORD)
    trainer_page.goto(f"/cohorts/{cohort.pk}/trainees/")
    trainer_page.get_by_label(re.compile("e-mail", re.I)).first.fill("Layla@example.org")
    check_page(trainer_page, JOURNEY, "trainer-invites")
    trainer_page.get_by_role("button", name="Add to the cohort").click()
    expect(trainer_page.get_by_text(re.compile("1 invitation sent"))).to_be_visible()
    trainer_page.goto(f"/cohorts/{cohort.pk}/trainees/")
    expect(trainer_page.locator(".invitation-list")).to_contain_text("Waiting for an answer")
    check_page(trainer_page, JOURNEY, "trainer-sees-pending-invitation")
    enrollment.refresh_from_db()
    assert enrollment.cohort is None

    # Layla sees the invitation on My learning and accepts it.
    layla_page = new_page()
    log_in(layla_page, layla.email, TEST_PASSWORD)
    layla_page.goto("/learn/")
    invitations = layla_page.get_by_role("region", name="Invitations to a cohort")
    expect(invitations).to_contain_text("Saida — spring")
    expect(invitations).to_contain_text("Omar Nassar")
    check_page(layla_page, JOURNEY, "trainee-sees-invitation", phone=True)
    layla_page.get_by_role("button", name="Accept and join the cohort").click()
    expect(layla_page.get_by_text("You joined the cohort")).to_be_visible()
    check_page(layla_page, JOURNEY, "trainee-accepted", phone=True)
    enrollment.refresh_from_db()
    assert enrollment.cohort == cohort
    assert CohortInvitation.objects.get().accepted_at is not None

    # Rania, on her own, has no supervisor yet; she reads it in Arabic, then asks Salma.
    rania_page = new_page()
    log_in(rania_page, rania.email, TEST_PASSWORD)
    rania_page.goto("/ar/learn/")
    expect(rania_page.locator("html")).to_have_attribute("dir", "rtl")
    expect(rania_page.locator(".enrollment-supervision")).to_be_visible()
    check_page(rania_page, JOURNEY, "arabic-trainee-no-supervisor", phone=True)
    rania_page.goto("/learn/")
    rania_page.get_by_role("link", name="Request a supervisor").click()
    expect(rania_page.get_by_role("heading", level=1)).to_have_text("Request a supervisor")
    rania_page.get_by_label("Supervisor").select_option(label="Salma Nasser — Cedar Psychosocial Network")
    rania_page.get_by_label("Message (optional)").fill(
        "I practise at the Saida community centre on Tuesdays.")
    check_page(rania_page, JOURNEY, "trainee-requests-supervisor", phone=True)
    rania_page.get_by_role("button", name="Send the request").click()
    expect(rania_page.get_by_text("Your request was sent to Salma Nasser")).to_be_visible()
    check_page(rania_page, JOURNEY, "trainee-request-waiting", phone=True)

    # Salma sees the request on her queue and accepts it.
    salma_page = new_page()
    log_in(salma_page, salma.email, TEST_PASSWORD)
    salma_page.goto("/supervise/")
    requests = salma_page.get_by_role("region", name="Requests for supervision")
    expect(requests).to_contain_text("رانيا خوري")
    check_page(salma_page, JOURNEY, "supervisor-sees-request")
    requests.get_by_role("button", name="Accept").click()
    expect(salma_page.get_by_text(re.compile("You now supervise"))).to_be_visible()
    check_page(salma_page, JOURNEY, "supervisor-accepted")
    assert SupervisorAssignment.objects.get(enrollment=solo).supervisor == salma

    # Rania's My learning now names her supervisor.
    rania_page.goto("/learn/")
    expect(rania_page.locator(".enrollment-supervision")).to_contain_text("Salma Nasser")
    check_page(rania_page, JOURNEY, "trainee-has-supervisor", phone=True)
    assert Enrollment.objects.get(pk=solo.pk).cohort is None
