from django.urls import path

from orglife.site.views import not_found

app_name = "meetings"
urlpatterns = [
    path("", not_found, name="review"),
    path("similar/", not_found, name="similar"),
]
