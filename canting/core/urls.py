from django.urls import path

from canting.core import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("account/password/set/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="password-set"),
    path("account/token/", views.ApiTokenView.as_view(), name="api-token"),
    path("data-to-confirm/", views.DataToConfirmView.as_view(), name="data-to-confirm"),
    path("areas/options/", views.area_options_view, name="area-options"),
    path("healthz/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
]
