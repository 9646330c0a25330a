from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    """The user's home organization for the top bar (computed lazily, once per request)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def home():
        from chibo.accounts.access import home_organization

        return home_organization(user)

    return {"nav_home_org": home}
