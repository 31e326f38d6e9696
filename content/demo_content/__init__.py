"""Texts of the demo courses, as plain data that content/demo.py turns into pages.

Lesson bodies and assessment questions are written in StreamField's raw JSON shape
(a list of {"type": ..., "value": ...}), built with the small helpers below so the
text modules read like a course outline rather than like code.

A choice written with a leading "*" is a correct one: "*Ask about sleep" is correct,
"Give advice at once" is not.
"""


def text(html):
    return {"type": "rich_text", "value": html}


def vignette(title, story, questions):
    return {"type": "case_vignette",
            "value": {"title": title, "story": story, "questions": list(questions)}}


def role_play(title, scenario, roles, checklist):
    return {"type": "role_play",
            "value": {"title": title, "scenario": scenario,
                      "roles": [{"name": name, "brief": brief} for name, brief in roles],
                      "observer_checklist": list(checklist)}}


def reflection(prompt, guidance=""):
    return {"type": "reflection", "value": {"prompt": prompt, "guidance": guidance}}


def key_points(*points):
    return {"type": "key_points", "value": {"points": list(points)}}


def safety_note(html):
    return {"type": "safety_note", "value": {"kind": "safety", "text": html}}


def self_care_note(html):
    return {"type": "safety_note", "value": {"kind": "self_care", "text": html}}


def document(slug, description=""):
    """A download of one of the demo documents, named by its slug in resources.DOCUMENTS."""
    return {"type": "document", "value": {"document": slug, "description": description}}


def _choices(choices):
    return [{"text": choice.removeprefix("*"), "is_correct": choice.startswith("*")}
            for choice in choices]


def single(prompt, choices, right, wrong):
    return {"type": "single_choice",
            "value": {"prompt": prompt, "choices": _choices(choices),
                      "feedback_correct": right, "feedback_incorrect": wrong}}


def multiple(prompt, choices, right, wrong):
    return {"type": "multiple_choice",
            "value": {"prompt": prompt, "choices": _choices(choices),
                      "feedback_correct": right, "feedback_incorrect": wrong}}


def true_false(prompt, answer, right, wrong):
    return {"type": "true_false",
            "value": {"prompt": prompt, "answer": "true" if answer else "false",
                      "feedback_correct": right, "feedback_incorrect": wrong}}
