"""Competency tools and their translations: items in order, harmful behaviours per item,
texts read in the reader's language from the cached map, and the migration that turned
the old name_fr/name_ar columns into translation rows."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.forms import modelform_factory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.segments.extract import extract_segments

from content.models import (
    Competency,
    CompetencyTool,
    CompetencyToolItem,
    CourseCompetencyTool,
    HarmfulBehaviour,
    RolePlayScenario,
)
from content.selectors import snippet_translations
from tests.content.test_authoring import logged_in
from tests.factories import CompetencyFactory

pytestmark = pytest.mark.django_db


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


def translate(original, code, **fields):
    translation = original.copy_for_translation(locale(code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


@pytest.fixture
def listening():
    competency = CompetencyFactory(
        framework="Sanad helping skills", code="HS-1", name="Active listening",
        level_1_descriptor="Interrupts and tells their own story.")
    for order, text in enumerate(["Cuts the person off to give advice.",
                                  "Looks at their phone while the person speaks."]):
        HarmfulBehaviour.objects.create(competency=competency, description=text,
                                        sort_order=order)
    return competency


@pytest.fixture
def tool(listening):
    risk = CompetencyFactory(framework="Sanad helping skills", code="HS-2",
                             name="Assessing risk of harm")
    HarmfulBehaviour.objects.create(competency=risk, sort_order=0,
                                    description="Promises to keep a risk of harm secret.")
    tool = CompetencyTool.objects.create(name="Helping skills observation")
    # Written in the reverse of their codes: the tool's order is its own.
    CompetencyToolItem.objects.create(tool=tool, competency=risk, sort_order=0)
    CompetencyToolItem.objects.create(tool=tool, competency=listening, sort_order=1)
    RolePlayScenario.objects.create(
        tool=tool, title="A father who cannot sleep", background="Lost his shop in the war.",
        opening="I am not sick.", helpful_response="He relaxes.",
        unhelpful_response="He asks to leave.")
    return tool


# --- The tool --------------------------------------------------------------------------


def test_items_in_the_tools_order_with_their_behaviours(tool, listening):
    items = [item.competency for item in tool.items.select_related("competency")]
    assert [c.code for c in items] == ["HS-2", "HS-1"]
    assert [b.description for b in items[1].harmful_behaviours.all()] == [
        "Cuts the person off to give advice.", "Looks at their phone while the person speaks."]
    assert items[0].harmful_behaviours.count() == 1
    assert tool.scenarios.get().title == "A father who cannot sleep"
    # New snippets are originals in the default language.
    assert {b.locale.language_code for b in HarmfulBehaviour.objects.all()} == {"en"}


def test_an_item_is_named_once_per_tool(tool, listening):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CompetencyToolItem.objects.create(tool=tool, competency=listening, sort_order=5)


# --- Translations ------------------------------------------------------------------------


def test_name_descriptors_and_behaviours_read_in_french_and_arabic(listening):
    french = translate(listening, "fr", name="Écoute active",
                       level_1_descriptor="Interrompt et raconte sa propre histoire.")
    # The translation carries copies of the behaviours (same translation keys).
    for behaviour, text in zip(french.harmful_behaviours.order_by("sort_order"),
                               ["Coupe la parole pour conseiller.", "Regarde son téléphone."],
                               strict=True):
        behaviour.description = text
        behaviour.save()
    translate(listening, "ar", name="الإصغاء الفعّال")
    first = listening.harmful_behaviours.first()
    with override("fr"):
        assert listening.localised() == "Écoute active"
        assert listening.localised_language() == "fr"
        assert listening.descriptor(1) == "Interrompt et raconte sa propre histoire."
        assert str(first) == "Coupe la parole pour conseiller."
        assert first.localised_language("description") == "fr"
    with override("ar"):
        assert listening.localised() == "الإصغاء الفعّال"
        assert listening.localised_language() == "ar"


def test_untranslated_text_falls_back_to_english_marked_as_english(listening):
    with override("ar"):
        assert listening.localised() == "Active listening"
        assert listening.localised_language() == "en"
        assert str(listening.harmful_behaviours.first()) == "Cuts the person off to give advice."
        assert listening.harmful_behaviours.first().localised_language("description") == "en"


def test_a_new_language_needs_only_a_locale_and_a_translation_row(listening):
    translate(listening, "es", name="Escucha activa")
    with override("es"):
        assert listening.localised() == "Escucha activa"
        assert listening.localised_language() == "es"
    assert Competency.objects.filter(translation_key=listening.translation_key).count() == 2


def test_the_cached_map_costs_nothing_when_warm_and_follows_edits(listening):
    french = translate(listening, "fr", name="Écoute active")
    cache.clear()
    with override("fr"):
        listening.localised()  # warms the map
        with CaptureQueriesContext(connection) as queries:
            assert listening.localised() == "Écoute active"
            assert listening.descriptor(1)
        assert len(queries) == 0
        french.name = "Écoute attentive"
        french.save()
        assert listening.localised() == "Écoute attentive"
    assert snippet_translations(Competency)[listening.translation_key]["fr"]["name"] == (
        "Écoute attentive")


def test_foreign_keys_offer_originals_only(listening, tool):
    french = translate(listening, "fr", name="Écoute active")
    french_tool = translate(tool, "fr", name="Observation des compétences d'aide")
    competencies = modelform_factory(CompetencyToolItem, fields=["competency"])().fields[
        "competency"].queryset
    assert listening in competencies and french not in competencies
    tools = modelform_factory(CourseCompetencyTool, fields=["tool"])().fields["tool"].queryset
    assert tool in tools and french_tool not in tools


# --- Through wagtail-localize and the admin ----------------------------------------------


def test_the_behaviours_are_translatable_segments_of_their_competency(listening):
    paths = [segment.path for segment in extract_segments(listening)]
    assert "name" in paths and "level_1_descriptor" in paths
    behaviour_paths = [p for p in paths if p.startswith("harmful_behaviours.")]
    assert sorted(behaviour_paths) == sorted(
        f"harmful_behaviours.{b.translation_key}.description"
        for b in listening.harmful_behaviours.all())


def test_a_trainer_translates_a_competency_with_its_behaviours(trainer, listening):
    spanish = locale("es")
    client = logged_in(trainer)
    url = reverse("wagtail_localize:submit_snippet_translation",
                  args=("content", "competency", listening.pk))
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [spanish.pk]})
    assert response.status_code == 302
    copy = Competency.objects.get(translation_key=listening.translation_key, locale=spanish)
    assert copy.harmful_behaviours.count() == 2

    # The translator's strings, applied as the editor's "Save" does.
    translation = Translation.objects.get(source__object_id=listening.translation_key,
                                          target_locale=spanish)
    for segment in StringSegment.objects.filter(source=translation.source).select_related(
            "string", "context"):
        StringTranslation.objects.create(translation_of=segment.string, locale=spanish,
                                         context=segment.context,
                                         data=f"[es] {segment.string.data}")
    translation.save_target()
    with override("es"):
        assert listening.localised() == "[es] Active listening"
        assert [str(b) for b in listening.harmful_behaviours.all()] == [
            "[es] Cuts the person off to give advice.",
            "[es] Looks at their phone while the person speaks."]


def test_a_lead_trainer_edits_a_competency_in_the_admin(lead_trainer, listening):
    client = logged_in(lead_trainer)
    response = client.get(reverse("wagtailsnippets_content_competency:edit",
                                  args=(listening.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cuts the person off to give advice." in html


# --- The data migration -------------------------------------------------------------------


MIGRATION_BEFORE = ("content", "0008_certificate_body_hours_carry_their_unit")
MIGRATION = ("content", "0009_translatable_snippets_and_competency_tools")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_turns_french_and_arabic_names_into_translations_and_back():
    executor = MigrationExecutor(connection)
    executor.migrate([MIGRATION_BEFORE])
    executor.loader.build_graph()
    OldCompetency = executor.loader.project_state([MIGRATION_BEFORE]).apps.get_model(
        "content", "Competency")
    OldCompetency.objects.create(framework="Old framework", code="OLD-1", name="Referral",
                                 name_fr="Orientation", name_ar="الإحالة",
                                 level_1_descriptor="Refers without consent.")
    OldCompetency.objects.create(framework="Old framework", code="OLD-2", name="Self-care",
                                 name_fr="", name_ar="")

    executor = MigrationExecutor(connection)
    executor.migrate([MIGRATION])
    apps = executor.loader.project_state([MIGRATION]).apps
    Migrated = apps.get_model("content", "Competency")
    rows = {(row.locale.language_code, row.code): row
            for row in Migrated.objects.filter(framework="Old framework")
            .select_related("locale")}
    assert set(rows) == {("en", "OLD-1"), ("fr", "OLD-1"), ("ar", "OLD-1"), ("en", "OLD-2")}
    original = rows["en", "OLD-1"]
    assert rows["fr", "OLD-1"].name == "Orientation"
    assert rows["ar", "OLD-1"].name == "الإحالة"
    assert rows["fr", "OLD-1"].translation_key == original.translation_key
    # Other texts are carried until a translator translates them.
    assert rows["fr", "OLD-1"].level_1_descriptor == "Refers without consent."
    assert original.name == "Referral"

    executor = MigrationExecutor(connection)
    executor.migrate([MIGRATION_BEFORE])
    Back = executor.loader.project_state([MIGRATION_BEFORE]).apps.get_model(
        "content", "Competency")
    assert list(Back.objects.filter(framework="Old framework").order_by("code").values_list(
        "code", "name", "name_fr", "name_ar")) == [
        ("OLD-1", "Referral", "Orientation", "الإحالة"), ("OLD-2", "Self-care", "", "")]

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.parametrize("model", ["competencytool", "roleplayscenario"])
def test_trainers_and_lead_trainers_author_tools_and_scenarios(lead_trainer, model):
    from tests.factories import TraineeFactory, TrainerFactory

    trainer = TrainerFactory()
    for person in (trainer, lead_trainer):
        client = logged_in(person)
        assert client.get(reverse(f"wagtailsnippets_content_{model}:add")).status_code == 200
        assert client.get(reverse(f"wagtailsnippets_content_{model}:list")).status_code == 200
    assert logged_in(TraineeFactory()).get(
        reverse(f"wagtailsnippets_content_{model}:add")).status_code in (302, 403)
