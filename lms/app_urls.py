from django.urls import path

from . import export_views, offline, offline_views

app_name = "lms"

urlpatterns = [
    path("exports/<id:pk>/", export_views.export_detail, name="export_detail"),
    path("exports/<id:pk>/download/", export_views.export_download, name="export_download"),
    # In the reader's language: its name, direction and start page are theirs.
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("offline/sync/", offline_views.sync, name="offline_sync"),
    path("offline/outbox/", offline_views.outbox, name="offline_outbox"),
]
