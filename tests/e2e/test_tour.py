"""The screenshot tour (tests/e2e/tour.py) over the demo data: every page of every role,
in English and Arabic, at 360 and 1280 px, each checked by axe and for sideways scrolling.

It takes a few minutes (the demo is seeded first), so it is not part of `make test`: it
runs with `make tour`, which sets SANAD_TOUR=1, and writes test-artifacts/tour/.
"""

import os

import pytest
from django.core.management import call_command

from tests.e2e.helpers import run_axe
from tests.e2e.tour import sideways, take_tour

pytestmark = pytest.mark.skipif(not os.environ.get("SANAD_TOUR"),
                                reason="the screenshot tour runs with `make tour`")


def test_tour_of_every_role_in_both_languages_at_both_sizes(browser, live_server):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    problems = []

    def check(page, role, name):
        if (extra := sideways(page)) > 0:
            problems.append(f"{role}/{name} {page.url}: {extra}px wider than the screen")
        for violation in run_axe(page):
            if violation.get("impact") in ("serious", "critical"):
                targets = [" ".join(map(str, n["target"])) for n in violation["nodes"]][:4]
                problems.append(f"{role}/{name} {page.url} at {page.viewport_size['width']}px: "
                                f"{violation['id']} ({violation['impact']}) {targets}")

    written, missed = take_tour(browser, live_server.url, on_page=check)
    assert not missed, f"the tour could not reach: {missed}"
    assert not problems, "\n".join(problems)
    assert len(written) > 100
