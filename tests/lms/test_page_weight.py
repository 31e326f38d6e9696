"""What a lesson page costs on the wire, in bytes, on a first and on a repeat visit.

Issue 14's budget: at most 50 KB compressed on a first visit (HTML, CSS, JavaScript and
fonts) and at most 10 KB on a repeat visit, in English and in Arabic; the offline
JavaScript at most 20 KB compressed, loaded only for signed-in people.

The HTML is measured as served, compressed by the middleware production runs
(GZipMiddleware after WhiteNoise). Static files are measured as WhiteNoise serves them
in production: gzip at level 9, made once at collectstatic (Brotli, when installed, is
smaller still). On a repeat visit the static files come from the browser's cache (hashed
names, cached for ever, and the service worker's cache-first copy), so what crosses the
network is the page itself and the service worker's check, answered "not modified".
"""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Locale
from wagtail.rich_text import RichText

from courses.models import Enrollment
from lms.offline import worker_config
from tests.factories import EnrollmentFactory, LessonPageFactory, TraineeFactory, learning_course

pytestmark = pytest.mark.django_db

FIRST_VISIT_BUDGET = 50_000
REPEAT_VISIT_BUDGET = 10_000
OFFLINE_SCRIPT_BUDGET = 20_000

ENGLISH_BODY = [
    ("rich_text", RichText(
        "<h2>Listening first</h2>"
        + "<p>When a person in distress speaks to you, listen before you advise. Notice "
          "what they say and how they say it; reflect back what you heard, and ask open "
          "questions about what they need now. Do not press for details of what "
          "happened.</p>" * 6
        + "<ul><li>Introduce yourself and your role.</li><li>Ask about basic needs.</li>"
          "<li>Know where to refer.</li></ul>")),
    ("key_points", {"points": ["Listen more than you speak", "Do no harm",
                               "Know when to refer"]}),
    ("reflection", {"prompt": "Think of a time someone really listened to you.",
                    "guidance": "Write a few lines for yourself."}),
]
ARABIC_BODY = [
    ("rich_text", RichText(
        "<h2>الإصغاء أولاً</h2>"
        + "<p>عندما يتحدث إليك شخص يعاني من الضيق، استمع قبل أن تنصح. لاحظ ما يقوله وكيف "
          "يقوله؛ أعد صياغة ما سمعته، واطرح أسئلة مفتوحة عما يحتاجه الآن. لا تضغط "
          "للحصول على تفاصيل ما حدث.</p>" * 6
        + "<ul><li>عرّف بنفسك وبدورك.</li><li>اسأل عن الاحتياجات الأساسية.</li>"
          "<li>اعرف إلى أين تحيل.</li></ul>")),
    ("key_points", {"points": ["استمع أكثر مما تتكلم", "لا تسبب ضرراً", "اعرف متى تحيل"]}),
    ("reflection", {"prompt": "فكّر في وقت أصغى فيه إليك شخص حقاً.",
                    "guidance": "اكتب بضعة أسطر لنفسك."}),
]


def _translate(page, locale):
    for ancestor in [*page.get_ancestors().filter(depth__gte=2), page]:
        ancestor = ancestor.specific
        if not ancestor.has_translation(locale):
            ancestor.copy_for_translation(locale).save_revision().publish()
    return page.get_translation(locale).specific


@pytest.fixture
def lessons(db):
    course = learning_course(title="Psychological first aid", slug="pfa", modules=1)
    module = course.get_children().specific().filter(title="Module 1").first()
    english = LessonPageFactory(parent=module, title="Listening first", slug="listening",
                                body=ENGLISH_BODY, summary="How to listen to a person in "
                                                           "distress.")
    arabic = _translate(english, Locale.objects.get(language_code="ar"))
    arabic.title = "الإصغاء أولاً"
    arabic.summary = "كيف تصغي إلى شخص يعاني من الضيق."
    arabic.body = ARABIC_BODY
    arabic.save_revision().publish()
    return course, {"en": english, "ar": arabic.__class__.objects.get(pk=arabic.pk)}


@pytest.fixture
def production_compression(settings):
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
                      "django.middleware.gzip.GZipMiddleware")
    settings.MIDDLEWARE = middleware


def _static_gzip_bytes(url: str) -> int:
    name = url.removeprefix("/static/")
    path = finders.find(name)
    assert path, f"{url} is not a static file"
    return len(gzip.compress(Path(path).read_bytes(), compresslevel=9))


def _loaded_static(html: str) -> list[str]:
    """Stylesheets and scripts the page loads, then the fonts its stylesheets load."""
    urls = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    urls += re.findall(r'<script src="([^"]+)"', html)
    for css in [u for u in urls if u.endswith(".css")]:
        text = Path(finders.find(css.removeprefix("/static/"))).read_text()
        for font in re.findall(r"url\(['\"]?([^'\")]+\.(?:woff2?|ttf|otf))", text):
            urls.append(font if font.startswith("/") else "/static/" + font.lstrip("./"))
    return urls


def _get_compressed(client, url, **headers):
    response = client.get(url, headers={"accept-encoding": "gzip, deflate, br", **headers})
    assert response.status_code in (200, 304), (url, response.status_code)
    if response.status_code == 200:
        assert response["Content-Encoding"] == "gzip", url
    return response


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_lesson_page_fits_the_budget_on_a_first_and_a_repeat_visit(
        client, lessons, language, production_compression):
    course, pages = lessons
    trainee = TraineeFactory(email="layla@example.org", full_name="ليلى حداد")
    EnrollmentFactory(trainee=trainee, course=course, status=Enrollment.Status.ACTIVE)
    client.force_login(trainee)
    lesson = pages[language]
    url = lesson.url if language == "en" else lesson.get_url()
    assert url.startswith("/ar/") == (language == "ar")

    page = _get_compressed(client, url)
    html = gzip.decompress(page.content).decode()
    assert lesson.title in html
    assert f'lang="{language}"' in html
    html_bytes = len(page.content)
    static = _loaded_static(html)
    assert "/static/css/sanad.css" in static and "/static/js/offline.js" in static
    assert "/static/js/reflection.js" in static  # the lesson has a reflection prompt
    static_bytes = sum(_static_gzip_bytes(u) for u in static)
    # The worker offline.js registers, and the outbox it imports once that exists.
    worker = _get_compressed(client, "/sw.js")
    worker_bytes = len(worker.content)
    outbox = worker_config()["outbox"]
    outbox_bytes = _static_gzip_bytes(outbox) if outbox else 0
    first_visit = html_bytes + static_bytes + worker_bytes + outbox_bytes
    assert first_visit <= FIRST_VISIT_BUDGET, (
        f"{language}: first visit {first_visit} bytes (HTML {html_bytes}, static "
        f"{static_bytes}, worker {worker_bytes + outbox_bytes}) over {FIRST_VISIT_BUDGET}")

    # Repeat visit: the page again, and the worker's update check, "not modified".
    again = _get_compressed(client, url)
    check = _get_compressed(client, "/sw.js", **{"if-none-match": worker["ETag"]})
    assert check.status_code == 304
    repeat_visit = len(again.content) + len(check.content)
    assert repeat_visit <= REPEAT_VISIT_BUDGET, (
        f"{language}: repeat visit {repeat_visit} bytes over {REPEAT_VISIT_BUDGET}")


def test_the_budget_would_catch_a_page_that_grew(client, lessons, production_compression):
    """The measure moves with the page: a page that carried 60 KB of text that does not
    compress would be caught."""
    import secrets

    course, pages = lessons
    lesson = pages["en"]
    lesson.body = [("rich_text", RichText(f"<p>{secrets.token_hex(30_000)}</p>"))]
    lesson.save_revision().publish()
    trainee = TraineeFactory()
    EnrollmentFactory(trainee=trainee, course=course)
    client.force_login(trainee)
    assert len(_get_compressed(client, lesson.url).content) > REPEAT_VISIT_BUDGET


def test_the_offline_javascript_fits_its_budget_and_only_signed_in_people_load_it(
        client, lessons, production_compression):
    course, pages = lessons
    offline_bytes = _static_gzip_bytes("/static/js/offline.js")
    worker_bytes = len(_get_compressed(client, "/sw.js").content)
    outbox = worker_config()["outbox"]
    outbox_bytes = _static_gzip_bytes(outbox) if outbox else 0
    total = offline_bytes + worker_bytes + outbox_bytes
    assert total <= OFFLINE_SCRIPT_BUDGET, f"offline JavaScript: {total} bytes compressed"
    anonymous = gzip.decompress(_get_compressed(client, course.url).content).decode()
    assert "js/offline.js" not in anonymous
    trainee = TraineeFactory()
    client.force_login(trainee)
    signed_in = gzip.decompress(_get_compressed(client, course.url).content).decode()
    assert "js/offline.js" in signed_in
