"""Template helpers for rendering assessments to trainees."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def answer_chosen(submitted_answers, question_id, value) -> bool:
    """Whether the trainee's last submission chose ``value`` for this question.

    ``submitted_answers`` maps an input name (``q-<block id>``) to the values sent, as
    ``request.POST`` or a plain dict of lists does; it is absent on a first visit.
    """
    if not submitted_answers:
        return False
    name = f"q-{question_id}"
    if hasattr(submitted_answers, "getlist"):
        values = submitted_answers.getlist(name)
    else:
        values = submitted_answers.get(name) or []
        if isinstance(values, str):
            values = [values]
    return str(value) in {str(v) for v in values}


def _reader_title(page, fallback=""):
    from wagtail.coreutils import get_supported_content_language_variant

    from content.selectors import reader_titles

    language = get_supported_content_language_variant(get_language())
    if page is None:
        return fallback, language
    if getattr(page, "translation_key", None) is None:
        # Not a page (an e-mail previewed with plain data): its title as given.
        title = page.get("title", fallback) if isinstance(page, dict) else getattr(
            page, "title", fallback)
        return title, language
    return reader_titles().title(page, language)


@register.simple_tag
def reader_title(page, fallback=""):
    """A course's title in the reader's language where a translation is live.

    Otherwise its own title, marked with its language (``<bdi lang>``) so that a screen
    reader reads it with the right voice and it keeps its own direction. ``fallback`` is
    shown, as is, when there is no page (a certificate whose course was deleted).
    """
    return _in_language(*_reader_title(page, fallback))


@register.filter
def reader_title_text(page, fallback=""):
    """The same title as plain text, for e-mails, attributes and sentences."""
    return _reader_title(page, fallback)[0]


def _in_language(text, language):
    """`text`, marked with its language when that is not the page's."""
    from django.utils.html import format_html

    if not text or language[:2] == (get_language() or "")[:2]:
        return format_html("{}", text)
    return format_html('<bdi lang="{}">{}</bdi>', language, text)


@register.simple_tag
def localised_name(snippet):
    """A competency's or activity kind's name in the reader's language where it has one,
    otherwise in the language it was written in, marked so."""
    return _in_language(snippet.localised(), snippet.localised_language())


@register.simple_tag
def localised_text(snippet, field):
    """Any text of a translated snippet (a scenario's script, a behaviour) in the reader's
    language where translated, otherwise as written, marked with its language."""
    return _in_language(snippet.localised(field), snippet.localised_language(field))


@register.filter
def authored_text(text):
    """Text authored once, in the site's default language (a competency's description):
    marked with that language on pages in another."""
    from django.conf import settings

    return _in_language(text, settings.LANGUAGE_CODE)
