"""Course, lesson and assessment pages are served with the learner's state.

Content's templates define blocks (enrolment, learner actions, assessment result); the
templates in templates/courses/ extend them and fill those blocks. Lessons and
assessments open only to enrolled trainees and to the course's trainers and editors.
"""

from wagtail import hooks

from content.models import AssessmentPage, CoursePage, LessonPage


@hooks.register("before_serve_page")
def serve_with_learner_state(page, request, serve_args, serve_kwargs):
    from . import views

    if isinstance(page, CoursePage):
        return views.serve_course_page(request, page)
    if isinstance(page, LessonPage):
        return views.serve_lesson_page(request, page)
    if isinstance(page, AssessmentPage):
        return views.serve_assessment_page(request, page)
    return None
