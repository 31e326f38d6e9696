from django.urls import path, re_path

from . import views

app_name = "certificates"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    re_path(r"^verify/(?P<code>[^/]{1,64})\.json$", views.verify_json, name="verify_json"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    path("certificates/", views.my_certificates, name="mine"),
    path("certificates/<id:pk>/certificate.pdf", views.download_pdf, name="pdf"),
    path("certificates/<id:pk>/badge.json", views.badge_json, name="badge_json"),
    path("certificates/<id:pk>/badge.jwt", views.badge_jwt, name="badge_jwt"),
    path("certificates/<id:pk>/manage/", views.manage, name="manage"),
    path("certificates/cohorts/", views.cohort_list, name="cohort_list"),
    path("certificates/cohorts/<id:pk>/", views.cohort_detail, name="cohort"),
    path("certificates/issuer/", views.issuer, name="issuer"),
    path(".well-known/jwks.json", views.issuer_jwks, name="jwks"),
    path("credentials/status/<id:number>.jwt", views.status_list, name="status_list"),
]
