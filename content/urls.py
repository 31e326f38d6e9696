from django.urls import path

from . import views

app_name = "content"
urlpatterns = [path("courses/", views.catalogue, name="catalogue")]
