"""The data files of a city profile: one folder of TOML files (see docs/city-profile.md).

Reading only: plain dicts and lists, no models, so that data migrations can use it too.
The folder is the `CITY_PROFILE` setting unless a caller names another one.
"""

import tomllib
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

# profile.toml holds tables; each other file a list of tables named like the file.
LISTS = ("fields", "areas", "departments", "principles", "forms")
# List files a profile may leave out (read as empty lists).
OPTIONAL_LISTS = ("related_words",)

# Where each key of profile.toml goes in the CityProfile model: {table: {key: field}}.
PROFILE_FIELDS = {
    "city": {
        "name": "name",
        "name_en": "name_en",
        "prefecture": "prefecture",
        "local_government_code": "local_government_code",
        "slug": "slug",
        "tagline": "tagline",
        "tagline_en": "tagline_en",
    },
    "portal": {
        "name": "portal_name",
        "name_en": "portal_name_en",
        "description": "site_description",
        "description_en": "site_description_en",
    },
    "contact": {
        "department": "department_name",
        "department_en": "department_name_en",
        "name": "contact_name",
        "name_en": "contact_name_en",
        "address": "contact_address",
        "phone": "contact_phone",
        "fax": "contact_fax",
        "email": "contact_email",
        "url": "contact_url",
    },
    "guideline": {
        "title": "guideline_title",
        "title_en": "guideline_title_en",
        "date": "guideline_date",
        "source": "source_line",
        "source_en": "source_line_en",
    },
    "notices": {"issuer": "notice_issuer", "number_format": "notice_number_format"},
    "mail": {"from": "mail_from", "signature": "mail_signature"},
}


class ProfileError(Exception):
    """A profile folder that cannot be read: the message says which file and why."""


def profile_folder(folder=None):
    path = Path(folder or settings.CITY_PROFILE)
    return path if path.is_absolute() else Path(settings.BASE_DIR) / path


def read(name, folder=None):
    """The contents of `<folder>/<name>.toml` as a dict."""
    path = profile_folder(folder) / f"{name}.toml"
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError as error:
        raise ProfileError(_("%(path)s: ファイルがありません。") % {"path": path}) from error
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(
            _("%(path)s: TOMLとして読めません(%(error)s)。") % {"path": path, "error": error}
        ) from error


def rows(name, folder=None):
    """The list of tables of a list file (`[[areas]]` in areas.toml, …)."""
    data = read(name, folder)
    items = data.get(name)
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ProfileError(
            _("%(path)s: [[%(name)s]] の表の並びが必要です。")
            % {"path": profile_folder(folder) / f"{name}.toml", "name": name}
        )
    return items


def optional_rows(name, folder=None):
    """The rows of a list file the profile may leave out: none when it has no such file."""
    if not (profile_folder(folder) / f"{name}.toml").exists():
        return []
    return rows(name, folder)


# The tables of the first version of the profile. The first migration reads the profile with
# `profile_fields` as it was then; the tables added since are written by the migrations that
# added their fields (city/migrations/0002_notice_fields.py).
FIRST_TABLES = ("city", "portal", "contact", "guideline", "mail")
EVERY_TABLE = tuple(PROFILE_FIELDS)


def profile_fields(data, *, tables=FIRST_TABLES):
    """The CityProfile field values of a parsed profile.toml (of the given tables: pass
    EVERY_TABLE for all of them); unknown tables and keys are refused."""
    values = {}
    for table, keys in data.items():
        if table not in PROFILE_FIELDS or not isinstance(keys, dict):
            raise ProfileError(
                _("profile.toml: [%(table)s] という表は使えません。") % {"table": table}
            )
        for key, value in keys.items():
            if key not in PROFILE_FIELDS[table]:
                raise ProfileError(
                    _("profile.toml: [%(table)s] に %(key)s という項目は使えません。")
                    % {"table": table, "key": key}
                )
            if table in tables:
                values[PROFILE_FIELDS[table][key]] = (
                    value.strip() if isinstance(value, str) else value
                )
    return values
