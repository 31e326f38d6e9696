import io

import pytest
from django.db import transaction

from content import demo as content_demo
from lms import demo as lms_demo


def run_seed():
    out = io.StringIO()
    lms_demo.seed(stdout=out)
    content_demo.seed(stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content, seeded once for the module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        run_seed()
        yield
        transaction.set_rollback(True)
