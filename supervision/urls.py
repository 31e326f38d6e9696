from django.urls import include, path

from . import views

app_name = "supervision"
urlpatterns = [
    # The trainee's logbook (read-only for supervisors, trainers and programme managers)
    path("practice/", views.logbook, name="logbook"),
    path("practice/<id:enrollment_id>/", views.logbook, name="logbook_enrollment"),
    path("practice/<id:enrollment_id>/new/", views.entry_create, name="entry_create"),
    path("practice/<id:enrollment_id>/submit/", views.entries_submit, name="entries_submit"),
    path("practice/<id:enrollment_id>/logbook.csv", views.logbook_csv, name="logbook_csv"),
    path("practice/<id:enrollment_id>/logbook.pdf", views.logbook_pdf, name="logbook_pdf"),
    path("practice/<id:enrollment_id>/supervision/", views.request_create,
         name="request_create"),
    path("practice/supervision-requests/<id:pk>/cancel/", views.request_cancel,
         name="request_cancel"),
    path("practice/entries/<id:pk>/", views.entry_detail, name="entry_detail"),
    path("practice/entries/<id:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("practice/entries/<id:pk>/delete/", views.entry_delete, name="entry_delete"),
    # The supervisor's side
    path("supervise/", views.queue, name="queue"),
    path("supervise/approve/", views.queue_approve, name="queue_approve"),
    path("supervise/entries/<id:pk>/", views.entry_review, name="entry_review"),
    path("supervise/trainees/", views.trainees, name="trainees"),
    path("supervise/trainees/<id:enrollment_id>/ratings/", views.rating, name="rating"),
    path("supervise/trainees/<id:enrollment_id>/reflections/", views.shared_reflections,
         name="shared_reflections"),
    path("supervise/sessions/", views.sessions, name="sessions"),
    path("supervise/sessions/new/", views.session_create, name="session_create"),
    path("supervise/requests/<id:pk>/accept/", views.request_answer, {"accept": True},
         name="request_accept"),
    path("supervise/requests/<id:pk>/decline/", views.request_answer, {"accept": False},
         name="request_decline"),
    path("supervise/hours.csv", views.hours_csv, name="hours_csv"),
    path("supervise/calibration/", include("supervision.calibration_urls")),
    # Trainers and programme managers
    path("supervise/cohorts/<id:cohort_id>/", views.cohort_practice, name="cohort_practice"),
    path("supervise/self-paced/", views.self_paced, name="self_paced"),
    path("supervise/courses/<id:page_id>/pool/", views.course_pool, name="course_pool"),
    path("supervise/enrollments/<id:enrollment_id>/supervisors/",
         views.enrollment_supervisors, name="enrollment_supervisors"),
]
