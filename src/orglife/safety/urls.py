from django.urls import path

from orglife.safety import views

app_name = "safety"
urlpatterns = [
    path("", views.register, name="register"),
    path("risks/new/", views.risk_create, name="risk_create"),
    path("risks/<int:pk>/", views.risk_detail, name="risk"),
    path("hazards/", views.hazard_list, name="hazards"),
    path("hazards/new/", views.hazard_create, name="hazard_create"),
    path("hazards/<int:pk>/", views.hazard_detail, name="hazard"),
    path("hazards/<int:pk>/plan/", views.hazard_plan, name="hazard_plan"),
    path("hazards/<int:pk>/transition/", views.hazard_transition, name="hazard_transition"),
    path("hazards/<int:pk>/photo/", views.hazard_photo, name="hazard_photo"),
    path("inspections/", views.inspection_calendar, name="calendar"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/checklist/", views.checklist_fragment, name="checklist"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    path(
        "inspections/<int:pk>/findings/<int:finding>/hazard/",
        views.finding_hazard,
        name="finding_hazard",
    ),
    path("stats/", views.stats, name="stats"),
    path("stats/report/", views.report_submit, name="report_submit"),
    path("cases/<int:pk>/", views.case, name="case"),
]
