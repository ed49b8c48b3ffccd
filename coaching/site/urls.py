from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import health, views
from .sign_in import AdminSignInForm, SignInForm

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health.health, name="health"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=SignInForm
        ),
        name="login",
    ),
    path("accounts/logout/", views.SignOutView.as_view(), name="logout"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("library/", include("exercises.urls")),
    path("athletes/", include("athletes.urls")),
    path("", include("coaching.training_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:  # uploaded pictures; in production the storage or the web server serves them
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

admin.site.site_header = "Flamingo content"
admin.site.site_title = "Flamingo admin"
admin.site.index_title = "Exercise library and assessment tests"
admin.site.login_form = AdminSignInForm

handler500 = "coaching.site.views.server_error"  # a 503 when the database cannot answer
