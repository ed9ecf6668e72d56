from events.models import Application, ApplicationStatus, Signup, new_token


def make_signup(event, **fields):
    defaults = {"capacity": 2, "is_open": True}
    defaults.update(fields)
    return Signup.objects.create(event=event, **defaults)


def make_application(event, *, status=ApplicationStatus.ACCEPTED, **fields):
    defaults = {
        "name": "申込 太郎",
        "email": "taro@example.net",
        "status": status,
        "cancel_token": new_token(),
    }
    if status == ApplicationStatus.PENDING:
        defaults["confirm_token"] = new_token()
    defaults.update(fields)
    return Application.objects.create(event=event, **defaults)
