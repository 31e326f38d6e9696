from django.urls import path

from . import programme_views as views

app_name = "programme"
urlpatterns = [
    path("programme/", views.overview, name="overview"),
    path("programme/indicators.csv", views.overview_export, {"fmt": "csv"},
         name="overview_csv"),
    path("programme/indicators.xlsx", views.overview_export, {"fmt": "xlsx"},
         name="overview_xlsx"),
    path("programme/consortium/", views.consortium, name="consortium"),
    path("programme/consortium.csv", views.consortium_export, {"fmt": "csv"},
         name="consortium_csv"),
    path("programme/consortium.xlsx", views.consortium_export, {"fmt": "xlsx"},
         name="consortium_xlsx"),
    path("programme/4w.csv", views.four_w, name="four_w_csv"),
    path("programme/report/", views.report, name="report"),
    path("programme/<slug:key>/", views.indicator_detail, name="indicator"),
    path("programme/<slug:key>/table.csv", views.indicator_export, {"fmt": "csv"},
         name="indicator_csv"),
    path("programme/<slug:key>/table.xlsx", views.indicator_export, {"fmt": "xlsx"},
         name="indicator_xlsx"),
]
