from django.urls import path

from . import views

app_name = "personal"

urlpatterns = [
    path("", views.your_data, name="your_data"),
    path("download/", views.download, name="download"),
    path("erase/", views.request_erasure, name="request_erasure"),
    path("erasure-requests/", views.erasure_requests, name="erasure_requests"),
    path("erasure-requests/<id:pk>/confirm/", views.confirm_erasure, name="confirm_erasure"),
]
