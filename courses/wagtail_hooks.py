"""Course, lesson and assessment pages are served with the learner's state.

Content's templates define blocks (enrolment, learner actions, assessment result); the
templates in templates/courses/ extend them and fill those blocks. Lessons and
assessments open only to enrolled trainees and to the course's trainers and editors.
"""

from wagtail import hooks
from wagtail.wagtail_hooks import check_view_restrictions

from content.models import AssessmentPage, CoursePage, LessonPage, ModulePage


def _learner_view(page):
    from . import views

    if isinstance(page, CoursePage):
        return views.serve_course_page
    if isinstance(page, LessonPage):
        return views.serve_lesson_page
    if isinstance(page, AssessmentPage):
        return views.serve_assessment_page
    if isinstance(page, ModulePage):
        return views.serve_module_page
    return None


@hooks.register("before_serve_page")
def serve_with_learner_state(page, request, serve_args, serve_kwargs):
    view = _learner_view(page)
    if view is None:
        return None
    # Answering here skips Wagtail's own serve chain, where the view restrictions a
    # trainer sets (password, login, groups) are checked; wrap our view in that same
    # check so these pages refuse exactly as ordinary pages do.
    guarded = check_view_restrictions(lambda page, request, args, kwargs: view(request, page))
    return guarded(page, request, serve_args, serve_kwargs)
