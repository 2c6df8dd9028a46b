from django.urls import path

from orglife.orgs import security_views as views

app_name = "security"
urlpatterns = [
    path("", views.accounts, name="accounts"),
    path("<int:pk>/reset/", views.account_reset, name="reset"),
    path("<int:pk>/lock/", views.account_lock, name="lock"),
    path("<int:pk>/seat/", views.account_seat, name="seat"),
]
