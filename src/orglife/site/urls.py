from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from orglife.api import api
from orglife.orgs.security_views import PasswordChange
from orglife.orgs.views import AdminSignInForm, SignInView
from orglife.site import views

admin.site.site_header = "组织生活会系统管理"
admin.site.site_title = "orglife 管理"
admin.site.index_title = "系统管理"
# The admin's sign-in says how long to wait, like the page (the backend enforces it).
admin.site.login_form = AdminSignInForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("orgs/", include("orglife.orgs.urls")),
    path("audit/", include("orglife.audit.urls")),
    path("security/", include("orglife.orgs.security_urls")),
    path("password/", PasswordChange.as_view(), name="password_change"),
    path("ledger/", include("orglife.ledger.urls")),
    path("meetings/", include("orglife.meetings.urls")),
    path("review/similar/", include("orglife.copycheck.urls")),
    path("review/", include("orglife.materials.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Anything else under /api/ answers JSON like the API does, not an HTML page.
    re_path(r"^api/", views.api_not_found),
]

handler400 = "orglife.site.views.bad_request"
handler403 = "orglife.site.views.forbidden"
handler404 = "orglife.site.views.not_found"
handler500 = "orglife.site.views.server_error"
