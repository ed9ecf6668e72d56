from organizations.permissions import is_city_staff


def portal(request):
    user = getattr(request, "user", None)
    return {
        "user_is_city_staff": bool(user and user.is_authenticated and is_city_staff(user)),
    }
