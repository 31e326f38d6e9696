"""Every table that may scroll sideways sits in a box a keyboard can reach and scroll, with
a name a screen reader announces (WCAG 2.1.1; axe's scrollable-region-focusable)."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SCROLL_BOX = re.compile(r'<div[^>]*class="[^"]*\btable-scroll\b[^"]*"[^>]*>')


def test_every_scrolling_table_is_a_focusable_labelled_region():
    boxes = [(path.relative_to(TEMPLATES), tag) for path in TEMPLATES.rglob("*.html")
             for tag in SCROLL_BOX.findall(path.read_text(encoding="utf-8"))]
    assert len(boxes) >= 10
    unreachable = [f"{path}: {tag}" for path, tag in boxes
                   if 'tabindex="0"' not in tag or 'role="region"' not in tag
                   or not re.search(r'aria-label(ledby)?="[^"]+"', tag)]
    assert not unreachable, "\n".join(unreachable)


def test_a_region_is_not_named_by_the_heading_of_the_section_around_it():
    # Two landmarks with one name ("Rating history" twice) make a landmark list useless.
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        sections = set(re.findall(r'<section[^>]*aria-labelledby="([^"]+)"', text))
        regions = set(re.findall(r'class="table-scroll"[^>]*aria-labelledby="([^"]+)"', text))
        assert not sections & regions, f"{path}: {sections & regions}"


def test_the_trainee_column_of_the_cohort_matrix_stays_in_view():
    css = (Path(settings.BASE_DIR) / "lms" / "static" / "css" / "sanad.css").read_text()
    rule = re.search(r"\.cohort-matrix th:first-child \{([^}]*)\}", css)
    assert rule and "position: sticky" in rule.group(1)
    assert "inset-inline-start: 0" in rule.group(1)  # the right-hand side in Arabic
