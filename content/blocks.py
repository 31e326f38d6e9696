"""StreamField blocks for lessons and assessments."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# --- Lesson blocks -------------------------------------------------------------------


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(label=_("alternative text"), max_length=250,
                                help_text=_("Describe the image for people who cannot see it."))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("A picture with alternative text for screen readers.")
        preview_value = {"alt_text": "A community health worker listening to a parent",
                         "caption": "Listening before advising."}


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video URL"), help_text=_("YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("title"))
    transcript = blocks.RichTextBlock(label=_("transcript"),
                                      help_text=_("Everything said in the video, for low bandwidth and accessibility."))
    audio_only = DocumentChooserBlock(label=_("audio-only version"), required=False,
                                      help_text=_("A small audio file for slow connections."))

    class Meta:
        icon = "media"
        label = _("Video with transcript")
        template = "blocks/video_block.html"
        description = _("An embedded video with its full transcript and an optional "
                        "audio-only file for slow connections.")
        preview_value = {"title": "Active listening in a camp setting",
                         "transcript": "<p>Counsellor: Thank you for coming today...</p>"}


class AudioBlock(blocks.StructBlock):
    audio = DocumentChooserBlock(label=_("audio file"))
    title = blocks.CharBlock(label=_("title"))
    transcript = blocks.RichTextBlock(label=_("transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "blocks/audio_block.html"
        description = _("A recording trainees can play or download, with a transcript.")
        preview_value = {"title": "Grounding exercise (4 minutes)",
                         "transcript": "<p>Sit comfortably. Notice five things you can see...</p>"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(label=_("description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"
        description = _("A file to download: handout, worksheet, referral form.")
        preview_value = {"description": "Referral form to print and fill in with the person."}


class CaseVignetteBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    story = blocks.RichTextBlock(label=_("story"))
    questions = blocks.ListBlock(blocks.CharBlock(label=_("question")), label=_("discussion questions"))

    class Meta:
        icon = "user"
        label = _("Case vignette")
        template = "blocks/case_vignette_block.html"
        description = _("A short, anonymised story with questions for discussion.")
        preview_value = {
            "title": "Mariam, 34",
            "story": "<p>Mariam arrived at the centre three weeks after fleeing her village...</p>",
            "questions": ["What are Mariam's immediate needs?", "What would you say first?"],
        }


class RolePlayRoleBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("role"))
    brief = blocks.TextBlock(label=_("brief"))


class RolePlayBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    scenario = blocks.RichTextBlock(label=_("scenario"))
    roles = blocks.ListBlock(RolePlayRoleBlock(), label=_("roles"), min_num=2)
    observer_checklist = blocks.ListBlock(blocks.CharBlock(label=_("item")),
                                          label=_("observer checklist"))

    class Meta:
        icon = "group"
        label = _("Role-play script")
        template = "blocks/role_play_block.html"
        description = _("A practice script: scenario, a brief for each role, an observer checklist.")
        preview_value = {
            "title": "First meeting",
            "scenario": "<p>A helper meets a young man who has not slept for days.</p>",
            "roles": [{"name": "Helper", "brief": "Introduce yourself and listen."},
                      {"name": "Young man", "brief": "You are tired and unsure why you came."}],
            "observer_checklist": ["Introduced self and role", "Asked open questions"],
        }


class ReflectionPromptBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("prompt"))
    guidance = blocks.TextBlock(label=_("guidance"), required=False)

    class Meta:
        icon = "help"
        label = _("Reflection prompt")
        template = "blocks/reflection_prompt_block.html"
        description = _("A question for trainees to think or write about on their own.")
        preview_value = {"prompt": "Think of a time someone really listened to you. What did they do?",
                         "guidance": "Write a few lines for yourself; you will not be asked to share."}


class KeyPointsBlock(blocks.StructBlock):
    points = blocks.ListBlock(blocks.CharBlock(label=_("point")), label=_("key points"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Key points")
        template = "blocks/key_points_block.html"
        description = _("The few things to remember from the lesson.")
        preview_value = {"points": ["Listen more than you speak", "Do no harm", "Know when to refer"]}


class SafetyNoteBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=[("safety", _("Safety")), ("self_care", _("Self-care"))],
                              default="safety", label=_("kind"))
    text = blocks.RichTextBlock(label=_("text"))

    class Meta:
        icon = "warning"
        label = _("Safety or self-care note")
        template = "blocks/safety_note_block.html"
        description = _("A highlighted note on safety, risk or looking after yourself.")
        preview_value = {"kind": "self_care",
                         "text": "<p>Notice your own reactions after a hard session.</p>"}


class LessonStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("Text"), template="blocks/rich_text_block.html",
                                     preview_value="<p>Active listening means giving full attention.</p>",
                                     description=_("Paragraphs, headings, lists and links."))
    image = ImageBlock()
    video = VideoBlock()
    audio = AudioBlock()
    document = DocumentBlock()
    case_vignette = CaseVignetteBlock()
    role_play = RolePlayBlock()
    reflection = ReflectionPromptBlock()
    key_points = KeyPointsBlock()
    safety_note = SafetyNoteBlock()


# --- Assessment blocks ---------------------------------------------------------------


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("choice"))
    is_correct = blocks.BooleanBlock(label=_("correct"), required=False)


class _ChoiceQuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("question"))
    choices = blocks.ListBlock(ChoiceBlock(), label=_("choices"), min_num=2)
    feedback_correct = blocks.TextBlock(label=_("feedback when right"), required=False)
    feedback_incorrect = blocks.TextBlock(label=_("feedback when wrong"), required=False)
    single_answer = True

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["single_answer"] = self.single_answer
        return context

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["is_correct"])
        if correct == 0:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Mark at least one choice as correct."))}
            )
        if self.single_answer and correct > 1:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("A single-choice question has exactly one correct choice."))}
            )
        return value


QUESTION_PREVIEW = {
    "prompt": "A person tells you they have not slept for a week. What do you do first?",
    "choices": [{"text": "Listen and ask what is keeping them awake", "is_correct": True},
                {"text": "Tell them to see a doctor", "is_correct": False}],
}


class SingleChoiceQuestionBlock(_ChoiceQuestionBlock):
    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        template = "blocks/question_preview.html"
        description = _("One correct choice. The preview never shows which.")
        preview_value = QUESTION_PREVIEW


class MultipleChoiceQuestionBlock(_ChoiceQuestionBlock):
    single_answer = False

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")
        template = "blocks/question_preview.html"
        description = _("One or more correct choices; trainees tick all that apply.")
        preview_value = QUESTION_PREVIEW


class TrueFalseQuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("statement"))
    answer = blocks.ChoiceBlock(choices=[("true", _("True")), ("false", _("False"))],
                                label=_("correct answer"))
    feedback_correct = blocks.TextBlock(label=_("feedback when right"), required=False)
    feedback_incorrect = blocks.TextBlock(label=_("feedback when wrong"), required=False)

    class Meta:
        icon = "tick"
        label = _("True or false")
        template = "blocks/question_preview.html"
        description = _("A statement trainees mark true or false.")
        preview_value = {"prompt": "Psychological first aid is a form of therapy.",
                         "answer": "false"}


class QuestionStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()

    class Meta:
        min_num = 1
