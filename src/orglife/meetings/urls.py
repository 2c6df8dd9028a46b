from django.urls import include, path

app_name = "meetings"
urlpatterns = [
    path("", include("orglife.meetings.urls_prep")),
]
