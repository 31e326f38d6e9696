from django.urls import path

from . import export_views

app_name = "lms"

urlpatterns = [
    path("exports/<id:pk>/", export_views.export_detail, name="export_detail"),
    path("exports/<id:pk>/download/", export_views.export_download, name="export_download"),
]
