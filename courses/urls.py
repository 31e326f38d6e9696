from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    # The trainee's side
    path("learn/", views.my_learning, name="my_learning"),
    path("learn/courses/<id:page_id>/enrol/", views.enrol, name="enrol"),
    path("learn/enrollments/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("learn/enrollments/<id:pk>/offline/", views.enrollment_offline,
         name="enrollment_offline"),
    path("learn/lessons/<id:page_id>/complete/", views.lesson_complete, name="lesson_complete"),
    path("learn/assessments/<id:page_id>/submit/", views.assessment_submit,
         name="assessment_submit"),
    path("learn/lessons/<id:page_id>/reflections/<slug:block_id>/", views.reflection_edit,
         name="reflection_edit"),
    path("learn/reflections/", views.my_reflections, name="my_reflections"),
    path("learn/reflections/<id:pk>/share/", views.reflection_share, {"share": True},
         name="reflection_share"),
    path("learn/reflections/<id:pk>/unshare/", views.reflection_share, {"share": False},
         name="reflection_unshare"),
    path("learn/invitations/<id:pk>/accept/", views.invitation_answer, {"accept": True},
         name="invitation_accept"),
    path("learn/invitations/<id:pk>/decline/", views.invitation_answer, {"accept": False},
         name="invitation_decline"),
    # Trainers and programme managers
    path("cohorts/", views.cohort_list, name="cohort_list"),
    path("cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/<id:pk>/", views.cohort_detail, name="cohort_detail"),
    path("cohorts/<id:pk>/trainees/", views.cohort_trainees, name="cohort_trainees"),
    path("cohorts/<id:pk>/matrix.csv", views.cohort_export, {"fmt": "csv"},
         name="cohort_export_csv"),
    path("cohorts/<id:pk>/matrix.xlsx", views.cohort_export, {"fmt": "xlsx"},
         name="cohort_export_xlsx"),
]
