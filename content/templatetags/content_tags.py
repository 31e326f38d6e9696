"""Template helpers for rendering assessments to trainees."""

from django import template

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
