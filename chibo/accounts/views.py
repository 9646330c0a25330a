from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from chibo.accounts.access import home_organization, user_scope
from chibo.accounts.forms import LoginForm
from chibo.core.http import AuthenticatedHttpRequest


class LoginView(auth_views.LoginView):
    # Django's LoginView is already exempt from LoginRequiredMiddleware.
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A secretary lands on their cell, a committee on its subtree, a plain member on their own record."""
    scope = user_scope(request.user)
    org = home_organization(request.user)
    if org is not None and (scope.read_paths or scope.is_admin):
        return redirect("organizations:organization_detail", org.code)
    if request.user.member_id:
        return redirect("organizations:member_detail", request.user.member_id)
    if org is not None:
        return redirect("organizations:organization_detail", org.code)
    return render(request, "accounts/no_scope.html")
