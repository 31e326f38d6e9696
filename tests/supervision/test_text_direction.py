"""What people type keeps its own direction on a page in the other script: an English
reflection on an Arabic page ends with its full stop on the right, an Arabic comment on
an English page reads from the right."""

import re

from django.utils import translation


def test_typed_reflection_and_comment_keep_their_direction(client, trainee, make_entry):
    entry = make_entry(went_well="Good rapport from the start.", state="returned")
    entry.events.create(actor=trainee, from_state="submitted", to_state="returned",
                        comment="يرجى ذكر التقنية المستخدمة.")
    client.force_login(trainee)
    with translation.override("ar"):
        html = client.get(f"/ar/practice/entries/{entry.pk}/").text
    assert '<html lang="ar" dir="rtl">' in html
    assert re.search(r'<dd dir="auto">Good rapport from the start\.</dd>', html)
    assert re.search(r'<blockquote class="event-comment" dir="auto">يرجى', html)
