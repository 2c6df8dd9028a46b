from django.urls import path

from orglife.meetings import views_prep as v

urlpatterns = [
    path("", v.meeting_list, name="list"),
    path("<int:pk>/", v.meeting_detail, name="detail"),
    path("<int:pk>/plan/", v.plan_page, name="plan"),
    path("<int:pk>/plan.docx", v.plan_download, name="plan_docx"),
    path("<int:pk>/studies/", v.studies_page, name="studies"),
    path("<int:pk>/talks/", v.talks_page, name="talks"),
    path("<int:pk>/opinions/", v.opinions_page, name="opinions"),
    path("<int:pk>/materials/", v.materials_page, name="materials"),
    path("<int:pk>/drafting/", v.drafting_page, name="drafting"),
]
