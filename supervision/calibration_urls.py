from django.urls import path

from . import calibration_views as views

# Included under supervise/calibration/ by supervision.urls, in its namespace.
urlpatterns = [
    path("", views.exercises, name="calibration_list"),
    path("manage/", views.manage, name="calibration_manage"),
    path("new/<id:tool_id>/", views.create, name="calibration_create"),
    path("<id:pk>/", views.detail, name="calibration_detail"),
    path("<id:pk>/publish/", views.publish, name="calibration_publish"),
    path("<id:pk>/reveal/", views.reveal, name="calibration_reveal"),
    path("<id:pk>/rate/", views.rate, name="calibration_rate"),
    path("<id:pk>/recording/", views.recording, name="calibration_recording"),
]
