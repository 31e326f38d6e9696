"""Journey: a lead trainer publishes a calibration exercise with an uploaded recording and
the experts' reference; a supervisor rates it blind on a phone, is refused a harmful
behaviour with a level above 1, submits, and after the reveal sees their agreement; the
lead trainer reads the report with the group's reliability."""

from playwright.sync_api import expect

from content.models import CompetencyTool, CompetencyToolItem, HarmfulBehaviour
from lms.roles import Role
from supervision.models import CalibrationExercise, CalibrationRating
from tests.e2e.helpers import PHONE, check_page, log_in
from tests.factories import TEST_PASSWORD, CompetencyFactory, SupervisorFactory, UserFactory

JOURNEY = "30-calibration"


def _tool():
    tool = CompetencyTool.objects.create(name="Helping skills observation")
    for order, name in enumerate(["Active listening", "Assessing risk of harm"]):
        competency = CompetencyFactory(name=name, code=f"HS-{order + 1}")
        HarmfulBehaviour.objects.create(competency=competency, sort_order=0,
                                        description=f"Harmful move in {name.lower()}")
        CompetencyToolItem.objects.create(tool=tool, competency=competency, sort_order=order)
    return tool


def test_lead_trainer_publishes_supervisor_rates_blind_and_sees_agreement(new_page, tmp_path):
    tool = _tool()
    lead = UserFactory(email="lead@example.org", full_name="Rania Khoury",
                       roles=[Role.TRAINER, Role.LEAD_TRAINER])
    supervisor = SupervisorFactory(email="karim@example.org", full_name="Karim Mansour")

    lead_page = new_page()
    log_in(lead_page, lead.email, TEST_PASSWORD)
    lead_page.goto("/supervise/calibration/manage/")
    lead_page.get_by_role("link", name=tool.name).click()
    lead_page.get_by_label("Title").fill("A father who cannot sleep")
    recording = tmp_path / "role-play.mp4"
    recording.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    lead_page.get_by_label("Recording (video or audio)").set_input_files(str(recording))
    # Reference: item 1 competent, item 2 potentially harmful with its behaviour seen.
    lead_page.locator("input[type=radio][value='3']").first.check()
    lead_page.locator("input[type=radio][value='1']").nth(1).check()
    lead_page.get_by_label("Harmful move in assessing risk of harm").check()
    check_page(lead_page, JOURNEY, "lead-new-exercise")
    lead_page.get_by_role("button", name="Save draft").click()
    lead_page.get_by_role("button", name="Publish: open it to supervisors").click()
    expect(lead_page.locator("main")).to_contain_text("Open for rating")
    exercise = CalibrationExercise.objects.get()

    page = new_page(viewport=PHONE)
    log_in(page, supervisor.email, TEST_PASSWORD)
    page.goto("/supervise/calibration/")
    page.get_by_role("link", name="A father who cannot sleep").click()
    expect(page.locator("main")).not_to_contain_text("Reference revealed")
    page.locator("input[type=radio][value='3']").first.check()
    page.locator("input[type=radio][value='2']").nth(1).check()
    page.get_by_label("Harmful move in active listening").check()
    page.get_by_role("button", name="Submit my ratings").click()
    expect(page.locator(".error-summary")).to_contain_text("level must be 1")
    assert not CalibrationRating.objects.exists()
    check_page(page, JOURNEY, "supervisor-refused", phone=True)
    page.get_by_label("Harmful move in active listening").uncheck()
    page.get_by_role("button", name="Submit my ratings").click()
    expect(page.locator("main")).to_contain_text("Your ratings are saved")
    assert CalibrationRating.objects.filter(rater=supervisor).count() == 2

    lead_page.get_by_role("button", name="Reveal the reference and close rating").click()
    expect(lead_page.locator("main")).to_contain_text("Not enough raters")
    check_page(lead_page, JOURNEY, "lead-report")

    page.goto(f"/supervise/calibration/{exercise.pk}/rate/")
    expect(page.locator("main")).to_contain_text(
        "Exact agreement: 50.0% of the items. Within one level: 100.0%.")
    check_page(page, JOURNEY, "supervisor-agreement", phone=True)
