"""The meetings namespace: part 1's pages (urls_prep) and part 2's (urls_after)."""

from django.urls import include, path

app_name = "meetings"
urlpatterns = [
    path("", include("orglife.meetings.urls_after")),
]
