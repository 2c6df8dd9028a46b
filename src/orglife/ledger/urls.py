from django.urls import path

from orglife.ledger import views

app_name = "ledger"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_create, name="create"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/transition/", views.item_transition, name="transition"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("<int:pk>/progress/", views.progress_add, name="progress"),
    path("<int:pk>/extension/", views.extension_request, name="extension"),
    path("extension/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("lists/<str:kind>/", views.list_page, name="lists"),
    path("export.xlsx", views.export_xlsx, name="export"),
    path("summary/", views.summary, name="summary"),
    path("reminders/", views.reminders_page, name="reminders"),
    path("carry-forward/", views.carry_forward, name="carry_forward"),
]
