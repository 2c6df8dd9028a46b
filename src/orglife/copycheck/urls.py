from django.urls import path

from orglife.copycheck import views

app_name = "copycheck"
urlpatterns = [
    path("", views.similar_page, name="similar"),
    path("compare/<str:a>/<str:b>/", views.compare_page, name="compare"),
    path("references/", views.references_page, name="references"),
]
