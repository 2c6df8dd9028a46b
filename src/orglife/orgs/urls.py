from django.urls import path

from orglife.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/import/", views.roster_import_view, name="import"),
    path("roster-template.xlsx", views.roster_template, name="roster_template"),
]
