"""Course content authored in Wagtail.

Page tree: Home → Catalogue → Curriculum → Course → Module → Lesson / Assessment, plus a
Resource library under Home. Course pages also declare what completion requires
(practice hours, supervision hours, competency levels); the higher layers read them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import LessonStreamBlock, QuestionStreamBlock
from .forms import AssessmentPageForm, CatalogueFilterForm, CoursePageForm, ResourceFilterForm
from .questions import shown_questions

PAGE_SIZE = 20


class TranslationLinksMixin:
    """Adds the page's live translations to its context, labelled in their own language.

    ``translation_next`` sends the language switcher through the home page's
    ``translation/<key>/`` route, which lands on this page's translation in the chosen
    language even when the translation has a different slug.
    """

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        translations = []
        for page in self.get_translations().live().select_related("locale").order_by(
                "locale__language_code"):
            info = get_language_info(page.locale.language_code)
            translations.append({"page": page, "code": page.locale.language_code,
                                 "name": info["name_local"], "bidi": info["bidi"]})
        context["page_translations"] = translations
        if translations:
            context["translation_next"] = reverse(
                "wagtail_serve", args=[f"translation/{self.translation_key}/"])
        return context


def _locale_for(request):
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


class HomePage(RoutablePageMixin, TranslationLinksMixin, Page):
    """The site's front page, one per language."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["content.CatalogueIndexPage", "content.ResourceIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = (CatalogueIndexPage.objects.live().filter(locale=self.locale).first()
                                or CatalogueIndexPage.objects.live().first())
        context["resource_library"] = (
            ResourceIndexPage.objects.live().filter(locale=self.locale).first()
            or ResourceIndexPage.objects.live().first())
        return context

    @path("translation/<uuid:translation_key>/", name="translation")
    def translation(self, request, translation_key):
        """Send the reader to the page with this translation key in the active language.

        Falls back to the default language's version, then to any live version.
        """
        pages = Page.objects.live().filter(translation_key=translation_key)
        locale = _locale_for(request)
        page = (pages.filter(locale=locale).first()
                or pages.filter(locale=Locale.get_default()).first() or pages.first())
        if page is None:
            return redirect(self.url)
        return redirect(page.get_url(request))


# --- Snippets ------------------------------------------------------------------------


class LocalisedSnippetMixin(TranslatableMixin):
    """A snippet written in the site's default language and translated with
    wagtail-localize, so that a new language needs no schema change.

    Everything else points at the original (default-locale) row; readers see the
    translation in their language where there is one, from a map cached with the course
    plans (see `content.selectors.snippet_translations`), so naming a snippet costs no
    query.
    """

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def _translated(self, field: str) -> tuple[str, str]:
        from .selectors import snippet_translations

        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        original = getattr(self, field)
        if self.translation_key is None:
            return original, settings.LANGUAGE_CODE
        forms = snippet_translations(type(self)).get(self.translation_key, {})
        text = forms.get(language, {}).get(field, "")
        if text:
            return text, language
        source = forms.get(settings.LANGUAGE_CODE[:2], {}).get(field, "")
        return (source or original), settings.LANGUAGE_CODE

    def localised(self, field="name") -> str:
        """`field` in the reader's language where a translation has it, else the original."""
        return self._translated(field)[0]

    def localised_language(self, field="name") -> str:
        """The language `localised(field)` is in."""
        return self._translated(field)[1]


def original_locale_only():
    """Choices for a foreign key to a translated snippet: the originals, not translations."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


class Competency(LocalisedSnippetMixin, index.Indexed, ClusterableModel):
    """A competency on the 4-level scale: an item of a competency tool, with its level
    descriptors and the harmful behaviours an observer ticks."""

    class Level(models.IntegerChoices):
        POTENTIALLY_HARMFUL = 1, _("1 — Potentially harmful")
        BASIC = 2, _("2 — Basic")
        COMPETENT = 3, _("3 — Competent")
        MASTERY = 4, _("4 — Mastery")

    framework = models.CharField(_("framework"), max_length=120,
                                 help_text=_("e.g. Sanad helping skills"))
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    level_1_descriptor = models.TextField(_("level 1: potentially harmful"))
    level_2_descriptor = models.TextField(_("level 2: basic"))
    level_3_descriptor = models.TextField(_("level 3: competent"))
    level_4_descriptor = models.TextField(_("level 4: mastery"))

    panels = [
        MultiFieldPanel([FieldPanel("framework"), FieldPanel("code"), FieldPanel("name"),
                         FieldPanel("description")], heading=_("Competency")),
        MultiFieldPanel([FieldPanel("level_1_descriptor"), FieldPanel("level_2_descriptor"),
                         FieldPanel("level_3_descriptor"), FieldPanel("level_4_descriptor")],
                        heading=_("Level descriptors")),
        InlinePanel("harmful_behaviours", heading=_("Harmful behaviours"),
                    label=_("Harmful behaviour"),
                    help_text=_("Specific things an observer can see; any one ticked makes "
                                "the item level 1.")),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("code"),
                     index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["framework", "code"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        constraints = [models.UniqueConstraint(fields=["framework", "code", "locale"],
                                               name="competency_unique_code")]

    def __str__(self):
        return f"{self.code} {self.localised()}"

    @property
    def title(self):
        return self.localised()

    def descriptor(self, level: int) -> str:
        """The descriptor of `level` in the reader's language where translated."""
        return self.localised(f"level_{int(level)}_descriptor")


class HarmfulBehaviour(LocalisedSnippetMixin, Orderable):
    """A specific observable behaviour that makes its item level 1 when ticked."""

    competency = ParentalKey(Competency, on_delete=models.CASCADE,
                             related_name="harmful_behaviours")
    description = models.CharField(_("behaviour"), max_length=300)

    panels = [FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("harmful behaviour")
        verbose_name_plural = _("harmful behaviours")

    def __str__(self):
        return self.localised("description")


class ActivityKind(LocalisedSnippetMixin, models.Model):
    """A kind of supervised practice: individual session, PFA, home visit..."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")
        constraints = [models.UniqueConstraint(fields=["name", "locale"],
                                               name="activity_kind_unique_name")]

    def __str__(self):
        return self.localised()


class CompetencyTool(LocalisedSnippetMixin, index.Indexed, ClusterableModel):
    """An ordered set of competencies (its items) that observers rate together in one
    structured observation, most often a standardised role-play."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description"),
              InlinePanel("items", heading=_("Items"), label=_("Item"), min_num=1)]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("competency tool")
        verbose_name_plural = _("competency tools")

    def __str__(self):
        return self.localised()


class CompetencyToolItem(Orderable):
    """One competency of a tool, in the tool's order. Always the original competency:
    its translations follow it."""

    tool = ParentalKey(CompetencyTool, on_delete=models.CASCADE, related_name="items")
    competency = models.ForeignKey(Competency, verbose_name=_("competency"),
                                   on_delete=models.PROTECT, related_name="+",
                                   limit_choices_to=original_locale_only)

    panels = [FieldPanel("competency")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["tool", "competency"],
                                               name="tool_item_once")]


class RolePlayScenario(LocalisedSnippetMixin, index.Indexed, models.Model):
    """A short script for the person playing the client in a standardised role-play."""

    tool = models.ForeignKey(CompetencyTool, verbose_name=_("competency tool"),
                             on_delete=models.PROTECT, related_name="scenarios")
    title = models.CharField(_("title"), max_length=200)
    background = models.TextField(_("the client's background"))
    opening = models.TextField(_("what the client says at the start"))
    helpful_response = models.TextField(_("how the client responds to helpful moves"))
    unhelpful_response = models.TextField(_("how the client responds to unhelpful moves"))

    panels = [FieldPanel("tool"), FieldPanel("title"), FieldPanel("background"),
              FieldPanel("opening"), FieldPanel("helpful_response"),
              FieldPanel("unhelpful_response")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["title"]
        verbose_name = _("role-play scenario")
        verbose_name_plural = _("role-play scenarios")

    def __str__(self):
        return self.localised("title")


HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #0b6e4f."))


class CertificateTemplate(TranslatableMixin, ClusterableModel):
    """How a course's certificate looks and reads. Rendered by the certificates layer.

    The body may use the placeholders {name}, {course}, {date}, {hours} and
    {competencies}; anything else is refused when the template is saved.
    """

    PLACEHOLDERS = ("name", "course", "date", "hours", "competencies")

    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("certificate title"), max_length=200,
                             default="Certificate of completion")
    body = models.TextField(
        _("body text"),
        default="This certifies that {name} has completed {course} on {date}, "
                "including {hours} of supervised practice.",
        help_text=_("Placeholders: {name}, {course}, {date}, {hours}, {competencies}. "
                    "{hours} brings its unit: “12 hours”."),
    )
    issuing_organisation = models.CharField(_("issuing organisation"), max_length=200)
    logo = models.ForeignKey("wagtailimages.Image", verbose_name=_("logo"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    accent_colour = models.CharField(_("accent colour"), max_length=7, default="#0b6e4f",
                                     validators=[HEX_COLOUR])
    is_default = models.BooleanField(_("default template"), default=False,
                                     help_text=_("Used by courses that choose no template."))

    panels = [
        FieldPanel("name"), FieldPanel("title"), FieldPanel("body"),
        FieldPanel("issuing_organisation"), FieldPanel("logo"), FieldPanel("accent_colour"),
        FieldPanel("is_default"),
        InlinePanel("signatories", label=_("Signatories"), max_num=3),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.CheckConstraint(condition=models.Q(accent_colour__regex=r"^#[0-9a-fA-F]{6}$"),
                                   name="certificate_template_colour_hex"),
        ]

    def __str__(self):
        return self.name


class CertificateSignatory(Orderable):
    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE,
                           related_name="signatories")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    signature = models.ForeignKey("wagtailimages.Image", verbose_name=_("signature image"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("signature")]


class QuestionBank(TranslatableMixin, index.Indexed, models.Model):
    """A pool of questions, usually one per module or course, that assessments draw from.

    An assessment drawing from a bank gives each trainee a few of its questions per
    attempt, with the choices in a shuffled order; a pre-test and a post-test can draw
    from it as parallel forms, so no trainee meets a question twice.
    """

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"), blank=True,
        help_text=_("Which module or course these questions cover, for other authors."))
    questions = StreamField(
        QuestionStreamBlock(), verbose_name=_("questions"),
        help_text=_("Choices are shown in a shuffled order: do not write “all of the above” "
                    "or refer to a choice by its place."))

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("questions")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.pk is None:
            return
        # Every assessment drawing from this bank (in any language) must still find
        # enough questions in it after this edit.
        size = len(self.questions)
        users = AssessmentPage.objects.filter(
            question_bank__translation_key=self.translation_key).order_by("title")
        for assessment in users:
            needed = assessment.bank_questions_needed()
            if needed > size:
                raise ValidationError({"questions": ngettext(
                    "“%(assessment)s” draws from this bank and needs at least %(needed)d "
                    "question in it.",
                    "“%(assessment)s” draws from this bank and needs at least %(needed)d "
                    "questions in it.", needed) % {"assessment": assessment.title,
                                                     "needed": needed}})


register_snippet(Competency)
register_snippet(ActivityKind)
register_snippet(CompetencyTool)
register_snippet(RolePlayScenario)
register_snippet(CertificateTemplate)
register_snippet(QuestionBank)


# --- Catalogue and curricula ---------------------------------------------------------


class CatalogueIndexPage(TranslationLinksMixin, Page):
    """Lists published courses with filters and search."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.CurriculumPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("catalogue")

    def get_context(self, request, *args, **kwargs):
        from .selectors import catalogue_courses

        context = super().get_context(request, *args, **kwargs)
        # Every live curriculum, read once: the filter's choices and each card's label.
        curricula = list(CurriculumPage.objects.live().select_related("locale").order_by("title"))
        in_locale = [c for c in curricula if c.locale_id == self.locale_id]
        form = CatalogueFilterForm(request.GET or None, curricula=in_locale or curricula)
        courses = catalogue_courses(**(form.filters() if form.is_bound else {}),
                                    reader_locale_id=self.locale_id)
        page_of_courses = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
        by_path = {c.path: c for c in curricula}
        for course in page_of_courses:
            course.listed_curriculum = by_path.get(course.path[:-self.steplen])
        query = request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=form, courses=page_of_courses,
                       filtered=form.is_bound and any(form.filters().values()),
                       query_string=query.urlencode())
        return context


class CurriculumPage(TranslationLinksMixin, Page):
    """A training programme: counselling methods, cultural mediation, task-shifting."""

    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["content.CatalogueIndexPage"]
    subpage_types = ["content.CoursePage"]

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.live().public().child_of(self).order_by("path")
        return context


class CoursePage(TranslationLinksMixin, Page):
    """What a trainee enrols in and is certified for, with everything completion requires."""

    class Audience(models.TextChoices):
        SPECIALISTS = "specialists", _("Specialists")
        NON_SPECIALISTS = "non_specialists", _("Non-specialists")
        MIXED = "mixed", _("Mixed")

    class Enrolment(models.TextChoices):
        OPEN = "open", _("Open: anyone may enrol")
        KEY = "key", _("With an enrolment key")
        COHORT = "cohort", _("By cohort only")

    summary = models.TextField(_("summary"))
    body = RichTextField(_("description"), blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices,
                                default=Audience.NON_SPECIALISTS)
    estimated_hours = models.DecimalField(_("estimated hours of study"), max_digits=5,
                                          decimal_places=1, default=0,
                                          validators=[MinValueValidator(0)])
    required_supervision_hours = models.DecimalField(
        _("required supervision hours"), max_digits=5, decimal_places=1, default=0,
        validators=[MinValueValidator(0)])
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"), null=True, blank=True,
        help_text=_("Leave blank if the certificate does not expire."))
    enrolment = models.CharField(_("how enrolment works"), max_length=10,
                                 choices=Enrolment.choices, default=Enrolment.OPEN)
    enrolment_key = models.CharField(_("enrolment key"), max_length=64, blank=True)
    certificate_template = models.ForeignKey(
        CertificateTemplate, verbose_name=_("certificate template"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Leave blank to use the default template."))

    content_panels = Page.content_panels + [
        FieldPanel("summary"), FieldPanel("body"),
        MultiFieldPanel([FieldPanel("audience"), FieldPanel("estimated_hours")],
                        heading=_("Audience")),
        InlinePanel("prerequisites", label=_("Prerequisites")),
        MultiFieldPanel([
            InlinePanel("competency_requirements", label=_("Competencies and required level")),
            InlinePanel("competency_tools",
                        label=_("Competency tools assessed (baseline and endline)")),
            InlinePanel("practice_requirements", label=_("Practice hours by activity kind")),
            FieldPanel("required_supervision_hours"),
        ], heading=_("Completion requirements")),
        MultiFieldPanel([FieldPanel("enrolment"), FieldPanel("enrolment_key"),
                         FieldPanel("certificate_template"),
                         FieldPanel("certificate_validity_months")],
                        heading=_("Enrolment and certificate")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"),
                                          index.SearchField("body"),
                                          index.FilterField("audience"),
                                          index.FilterField("locale_id")]
    parent_page_types = ["content.CurriculumPage"]
    subpage_types = ["content.ModulePage", "content.AssessmentPage"]
    base_form_class = CoursePageForm

    class Meta:
        verbose_name = _("course")
        constraints = [
            models.CheckConstraint(condition=models.Q(estimated_hours__gte=0),
                                   name="course_estimated_hours_not_negative"),
            models.CheckConstraint(condition=models.Q(required_supervision_hours__gte=0),
                                   name="course_supervision_hours_not_negative"),
        ]

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_plan

        context = super().get_context(request, *args, **kwargs)
        # The plan, read once for the request (and cached between requests), is all the
        # course page shows of the tree and of the requirements.
        plan = course_plan(self, request=request)
        course_level = plan.course_level_assessments
        context.update(
            plan=plan,
            outline=plan.modules,
            course_level_assessments=course_level,
            # Modules and course-level tests (pre-test first, post-test last) in tree order.
            outline_entries=sorted([*plan.modules, *course_level],
                                   key=lambda e: e.module.path if hasattr(e, "module") else e.path),
            assessments=plan,
            prerequisites=plan.prerequisites,
            competency_requirements=plan.competency_requirements,
            practice_requirements=plan.practice_requirements,
        )
        return context


class CoursePrerequisite(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="prerequisites")
    prerequisite = models.ForeignKey(CoursePage, verbose_name=_("course"),
                                     on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("prerequisite")]


class CourseCompetency(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE,
                         related_name="competency_requirements")
    competency = models.ForeignKey(Competency, verbose_name=_("competency"),
                                   on_delete=models.PROTECT, related_name="+",
                                   limit_choices_to=original_locale_only)
    required_level = models.PositiveSmallIntegerField(
        _("required level"), choices=Competency.Level.choices, default=Competency.Level.COMPETENT,
        validators=[MinValueValidator(1), MaxValueValidator(4)])

    panels = [FieldPanel("competency"), FieldPanel("required_level")]

    class Meta(Orderable.Meta):
        constraints = [models.CheckConstraint(condition=models.Q(required_level__range=(1, 4)),
                                              name="course_competency_level_range")]


class CourseCompetencyTool(Orderable):
    """A competency tool the course assesses, and the level each of its items must reach
    at the endline for a certificate."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="competency_tools")
    tool = models.ForeignKey(CompetencyTool, verbose_name=_("competency tool"),
                             on_delete=models.PROTECT, related_name="+",
                             limit_choices_to=original_locale_only)
    required_level = models.PositiveSmallIntegerField(
        _("required level on every item"), choices=Competency.Level.choices,
        default=Competency.Level.COMPETENT, validators=[MinValueValidator(1), MaxValueValidator(4)])
    calibration_required = models.BooleanField(
        _("raters must have passed calibration on this tool"), default=False,
        help_text=_("Assessments by a supervisor who has not passed a calibration exercise "
                    "on this tool do not count towards the certificate."))

    panels = [FieldPanel("tool"), FieldPanel("required_level"),
              FieldPanel("calibration_required")]

    class Meta(Orderable.Meta):
        constraints = [models.CheckConstraint(condition=models.Q(required_level__range=(1, 4)),
                                              name="course_tool_level_range")]


class CoursePracticeRequirement(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE,
                         related_name="practice_requirements")
    activity_kind = models.ForeignKey(ActivityKind, verbose_name=_("activity kind"),
                                      on_delete=models.PROTECT, related_name="+",
                                      limit_choices_to=original_locale_only)
    minimum_hours = models.DecimalField(_("minimum hours"), max_digits=5, decimal_places=1,
                                        validators=[MinValueValidator(0)])

    panels = [FieldPanel("activity_kind"), FieldPanel("minimum_hours")]

    class Meta(Orderable.Meta):
        constraints = [models.CheckConstraint(condition=models.Q(minimum_hours__gte=0),
                                              name="practice_requirement_hours_not_negative")]


class CoursePartMixin(TranslationLinksMixin):
    """Context for pages inside a course: the course, and the pages before and after.

    All of it comes from the course's plan (read once per request, cached between
    requests); ``course`` is the plan's plain record of the course (title, url).
    """

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_plan_for_page

        context = super().get_context(request, *args, **kwargs)
        plan = course_plan_for_page(self, request=request)
        context["course"] = plan.course if plan is not None else None
        context["plan"] = plan
        if plan is not None and not isinstance(self, ModulePage):
            sequence = plan.sequence
            ids = [p.pk for p in sequence]
            if self.pk in ids:
                i = ids.index(self.pk)
                context["previous_page"] = sequence[i - 1] if i > 0 else None
                context["next_page"] = sequence[i + 1] if i + 1 < len(sequence) else None
                context["position"] = i + 1
                context["sequence_length"] = len(sequence)
        return context


class ModulePage(CoursePartMixin, Page):
    summary = models.TextField(_("summary"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["content.CoursePage"]
    subpage_types = ["content.LessonPage", "content.AssessmentPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        plan = context.get("plan")
        outline = next((m for m in plan.modules if m.module.pk == self.pk),
                       None) if plan is not None else None
        if outline is not None:
            context["items"] = outline.items
        else:
            # A module the plan does not list (a draft, in preview): read its children.
            context["items"] = [p.specific for p in self.get_children().live().specific()
                                .order_by("path")]
        return context


class LessonPage(CoursePartMixin, Page):
    summary = models.TextField(_("summary"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    optional = models.BooleanField(_("optional"), default=False,
                                   help_text=_("Optional lessons do not count towards completion."))
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"), FieldPanel("estimated_minutes"), FieldPanel("optional"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["content.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")


class AssessmentPage(CoursePartMixin, Page):
    class Kind(models.TextChoices):
        KNOWLEDGE_CHECK = "knowledge_check", _("Knowledge check")
        PRE_TEST = "pre_test", _("Pre-test")
        POST_TEST = "post_test", _("Post-test")

    class FeedbackTiming(models.TextChoices):
        AFTER_EACH_ATTEMPT = "after_each_attempt", _("After each attempt")
        ONCE_PASSED = "once_passed", _("Once passed")
        AFTER_LAST_ATTEMPT = "after_last_attempt", _("After the last attempt")
        AFTER_POST_TEST = "after_post_test", _("After the post-test (pre-tests only)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.KNOWLEDGE_CHECK)
    intro = RichTextField(_("introduction"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A pre-test has no pass mark on screen: its score only shows where a "
                    "trainee starts."))
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), default=3, validators=[MinValueValidator(1)])
    # The safest default: no right answer is shown while an attempt is still to come.
    feedback_timing = models.CharField(
        _("show feedback"), max_length=20, choices=FeedbackTiming.choices,
        default=FeedbackTiming.AFTER_LAST_ATTEMPT,
        help_text=_("When trainees see which answers were right and the feedback on each "
                    "question. Until then they see their score only. Once feedback is "
                    "shown, no further attempt is taken, except “after each attempt”."))
    question_bank = models.ForeignKey(
        QuestionBank, verbose_name=_("question bank"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="assessments",
        help_text=_("Draw each attempt's questions from this bank instead of writing them "
                    "below."))
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("questions drawn per attempt"), null=True, blank=True,
        validators=[MinValueValidator(1)])
    parallel_form = models.BooleanField(
        _("parallel forms"), default=False,
        help_text=_("For a pre-test and a post-test drawing from the same bank: each "
                    "trainee's copy of the bank is split in two, the pre-test draws from one "
                    "half and the post-test from the other, so no question is in both."))
    questions = StreamField(QuestionStreamBlock(min_num=0), verbose_name=_("questions"),
                            blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"), FieldPanel("intro"), FieldPanel("pass_mark"),
        FieldPanel("max_attempts"), FieldPanel("feedback_timing"),
        MultiFieldPanel([FieldPanel("question_bank"), FieldPanel("questions_per_attempt"),
                         FieldPanel("parallel_form")], heading=_("Questions from a bank")),
        FieldPanel("questions"),
    ]
    parent_page_types = ["content.CoursePage", "content.ModulePage"]
    subpage_types = []
    base_form_class = AssessmentPageForm

    class Meta:
        verbose_name = _("assessment")
        constraints = [
            models.CheckConstraint(condition=models.Q(pass_mark__lte=100),
                                   name="assessment_pass_mark_max_100"),
            models.CheckConstraint(condition=models.Q(max_attempts__gte=1),
                                   name="assessment_at_least_one_attempt"),
            models.CheckConstraint(
                condition=models.Q(question_bank__isnull=True)
                | models.Q(questions_per_attempt__gte=1),
                name="assessment_bank_draws_questions"),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["question_count"] = self.question_count
        # The learner's view puts the attempt's own questions here; a preview shows the
        # written questions, or (called only if still there) the first ones of the bank.
        context["assessment_questions"] = (self.sample_questions if self.draws_from_bank
                                           else shown_questions(self.questions))
        return context

    def sample_questions(self) -> list:
        """The first questions of the bank, as many as an attempt draws: what an editor's
        preview shows of an assessment whose trainees each get their own draw."""
        from .selectors import question_banks_for

        banks = question_banks_for(self)
        if not banks:
            return []
        return shown_questions(banks[0].questions)[:self.questions_per_attempt or 0]

    @property
    def draws_from_bank(self) -> bool:
        return self.question_bank_id is not None

    @property
    def question_count(self) -> int:
        """How many questions one attempt has."""
        if self.draws_from_bank:
            return self.questions_per_attempt or 0
        return len(self.questions)

    def bank_questions_needed(self) -> int:
        """The fewest questions the bank may hold: parallel forms need two halves."""
        count = self.questions_per_attempt or 0
        return 2 * count if self.parallel_form else count

    def clean(self):
        super().clean()
        errors = {}
        Kind, Timing = AssessmentPage.Kind, AssessmentPage.FeedbackTiming
        if self.kind == Kind.PRE_TEST and self.feedback_timing == Timing.ONCE_PASSED:
            errors["feedback_timing"] = _("A pre-test has no pass mark, so nobody passes it: "
                                          "choose another time to show feedback.")
        if self.kind != Kind.PRE_TEST and self.feedback_timing == Timing.AFTER_POST_TEST:
            errors["feedback_timing"] = _("Only a pre-test waits for the post-test to show "
                                          "its feedback.")
        if self.question_bank_id is None:
            if not self.questions:
                errors["questions"] = _("Write at least one question, or choose a question "
                                        "bank to draw them from.")
            if self.questions_per_attempt:
                errors["questions_per_attempt"] = _("Choose the question bank to draw from.")
            if self.parallel_form:
                errors["parallel_form"] = _("Parallel forms draw from a question bank: "
                                            "choose one.")
        else:
            if self.questions:
                errors["questions"] = _("This assessment draws its questions from a bank: "
                                        "remove the questions written here, or the bank.")
            if not self.questions_per_attempt:
                errors["questions_per_attempt"] = _("Say how many questions each attempt "
                                                    "draws from the bank.")
            elif self.parallel_form and self.kind == Kind.KNOWLEDGE_CHECK:
                errors["parallel_form"] = _("Parallel forms are for a pre-test and a "
                                            "post-test.")
            else:
                size = len(self.question_bank.questions)
                if self.bank_questions_needed() > size:
                    if self.parallel_form:
                        message = ngettext(
                            "The bank has %(size)d question. As parallel forms, the pre-test "
                            "and the post-test each draw from half of it: draw at most "
                            "%(half)d, or add questions to the bank.",
                            "The bank has %(size)d questions. As parallel forms, the pre-test "
                            "and the post-test each draw from half of it: draw at most "
                            "%(half)d, or add questions to the bank.", size)
                    else:
                        message = ngettext(
                            "The bank has %(size)d question: draw at most that many, or add "
                            "questions to the bank.",
                            "The bank has %(size)d questions: draw at most that many, or add "
                            "questions to the bank.", size)
                    errors["questions_per_attempt"] = message % {"size": size,
                                                                 "half": size // 2}
        if errors:
            raise ValidationError(errors)


# --- Resource library ----------------------------------------------------------------


class ResourceIndexPage(TranslationLinksMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ResourcePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resource library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resources = ResourcePage.objects.live().public().child_of(self)
        tags = Tag.objects.filter(
            content_resourcepagetag_items__content_object__in=resources).distinct().order_by("name")
        form = ResourceFilterForm(request.GET or None, tags=tags)
        filtered = False
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            if data["tag"]:
                resources = resources.filter(tags__slug=data["tag"])
            if data["kind"]:
                resources = resources.filter(kind=data["kind"])
            filtered = any(data.values())
        resources = resources.select_related("document").prefetch_related("tags").order_by("title")
        if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
            ids = list(resources.values_list("pk", flat=True))
            resources = ResourcePage.objects.filter(pk__in=ids).select_related(
                "document").prefetch_related("tags").search(form.cleaned_data["q"].strip())
        page_of_resources = Paginator(resources, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=form, resources=page_of_resources, filtered=filtered,
                       query_string=query.urlencode())
        return context


class ResourcePageTag(TaggedItemBase):
    content_object = ParentalKey("content.ResourcePage", on_delete=models.CASCADE,
                                 related_name="tagged_items")


class ResourcePage(TranslationLinksMixin, Page):
    class Kind(models.TextChoices):
        CASE_STUDY = "case_study", _("Case study")
        TOOL = "tool", _("Tool")
        TRAINING_MATERIAL = "training_material", _("Training material")
        GUIDELINE = "guideline", _("Guideline")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("summary"))
    body = RichTextField(_("body"), blank=True)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("download"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    tags = ClusterTaggableManager(through=ResourcePageTag, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"), FieldPanel("summary"), FieldPanel("body"), FieldPanel("document"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"),
                                          index.SearchField("body"),
                                          index.FilterField("kind")]
    parent_page_types = ["content.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("resource")
