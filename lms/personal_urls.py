from django.urls import path

from . import views

app_name = "personal"

# Mounted at /accounts/, ahead of allauth's own pages there.
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("data/", views.your_data, name="your_data"),
    path("data/download/", views.download, name="download"),
    path("data/erase/", views.request_erasure, name="request_erasure"),
    path("data/erasure-requests/", views.erasure_requests, name="erasure_requests"),
    path("data/erasure-requests/<id:pk>/confirm/", views.confirm_erasure,
         name="confirm_erasure"),
]
