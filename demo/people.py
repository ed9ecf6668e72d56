"""Step 1 of the demo: its people (users.toml) and the departments they work in
(departments.toml).

The users with a `label` are the demo logins: they sign in with the file's one password and a
confirmed address. The others stand for the people who registered the organisations and
cannot sign in. A run after the first changes a user only where it no longer matches the file
(e.g. a demo login's changed password).
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts import policies
from accounts.models import Profile
from organizations.models import Department

from .datafiles import ensure, pick, read


def load(command):
    users = read("users")
    for entry in read("departments")["departments"]:
        ensure(
            Department,
            {"code": entry["code"]},
            {
                "name": entry["name"],
                "name_en": entry.get("name_en", ""),
                "phone": entry.get("phone", ""),
                "email": entry.get("email", ""),
                "order": entry.get("order", 0),
            },
        )
    command.departments = {department.code: department for department in Department.objects.all()}
    command.password = users["password"]
    command.logins = []
    for entry in users["users"]:
        user = ensure_user(entry, users["password"])
        command.users[entry["key"]] = user
        if entry.get("label"):
            command.logins.append((entry["email"], entry["label"]))
        for code in entry.get("departments", []):
            department = pick(command.departments, code, where=f"users.toml {entry['key']}")
            department.staff.add(user)


def ensure_user(entry, password):
    """The user of the entry's address; a demo login signs in with `password`."""
    User = get_user_model()
    email = entry["email"]
    user = (
        User.objects.filter(username=email).first()
        or User.objects.filter(email__iexact=email).first()
        or User(username=email, email=email)
    )
    wanted = {"email": email, "is_active": True}
    if entry.get("superuser"):
        wanted.update(is_superuser=True, is_staff=True)
    changed = user.pk is None or any(getattr(user, name) != value for name, value in wanted.items())
    for name, value in wanted.items():
        setattr(user, name, value)
    if not entry.get("label"):
        if user.pk is None:
            user.set_unusable_password()
    elif user.pk is None or not user.check_password(password):
        user.set_password(password)
        changed = True
    if changed:
        user.save()
    EmailAddress.objects.filter(user=user, primary=True).exclude(email=email).update(primary=False)
    address = EmailAddress.objects.filter(user=user, email=email).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    elif not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    if entry.get("display_name"):
        ensure(Profile, {"user": user}, {"display_name": entry["display_name"]})
    # The demo's people signed up like anyone: agreeing to the policies in force.
    policies.consent_record(user=user, policies=policies.policies_in_force())
    return user
