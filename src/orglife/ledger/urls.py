from django.urls import path

from orglife.site.views import not_found

app_name = "ledger"
urlpatterns = [
    path("", not_found, name="list"),
    path("<int:pk>/", not_found, name="detail"),
]
