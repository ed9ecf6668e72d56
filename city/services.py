"""Writing the city profile from its data file (`load_city`)."""

from django.db import transaction

from . import datafiles
from .models import CityProfile


def profile_load(*, data):
    """Write profile.toml's contents into the one profile row (created if there is none).

    Every field the file may hold is written, those it leaves out are emptied, so that the
    row says what the file says. Raises ValidationError when a value is invalid.
    """
    values = datafiles.profile_fields(data, tables=datafiles.EVERY_TABLE)
    with transaction.atomic():
        profile = CityProfile.objects.select_for_update().order_by("pk").first() or CityProfile()
        for table in datafiles.PROFILE_FIELDS.values():
            for field in table.values():
                default = CityProfile._meta.get_field(field).get_default()
                setattr(profile, field, values.get(field, default))
        profile.full_clean()
        profile.save()
    return profile
