"""The demo's data files (`demo/data/`, TOML; the format is in docs/demo.md) and the rows they
become.

Reading only checks what every file must respect: it is TOML, and every e-mail address in it
is an example.jp address, so that the demo can never reach a real mailbox. Writing goes
through `ensure`: a row found by its natural key is left as it is, a missing one is validated
and saved, which makes every run after the first change nothing.
"""

import datetime
import re
import tomllib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

FOLDER = Path(__file__).resolve().parent / "data"
DEMO_MAIL_DOMAIN = "example.jp"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class DataError(Exception):
    """A data file that cannot be loaded: the message says which file or entry, and why."""


def read(name, folder=None):
    """The contents of `<folder>/<name>.toml` as a dict (the folder is demo/data/)."""
    path = Path(folder or FOLDER) / f"{name}.toml"
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError as error:
        raise DataError(_("%(path)s: ファイルがありません。") % {"path": path}) from error
    except tomllib.TOMLDecodeError as error:
        raise DataError(
            _("%(path)s: TOMLとして読めません(%(error)s)。") % {"path": path, "error": error}
        ) from error
    check_addresses(data, source=path)
    return data


def read_folder(name, folder=None):
    """The files of a subfolder (`projects/*.toml`) in the order of their names, as
    (`projects/subsidy.toml`, contents) pairs."""
    base = Path(folder or FOLDER)
    files = []
    for path in sorted((base / name).glob("*.toml")):
        relative = path.relative_to(base)
        files.append((relative.as_posix(), read(relative.with_suffix("").as_posix(), base)))
    return files


def check_addresses(value, *, source):
    """Refuse any e-mail address outside example.jp, wherever it stands in the data."""
    if isinstance(value, dict):
        for item in value.values():
            check_addresses(item, source=source)
    elif isinstance(value, list):
        for item in value:
            check_addresses(item, source=source)
    elif isinstance(value, str):
        for address in EMAIL.findall(value):
            if address.rsplit("@", 1)[1].lower() != DEMO_MAIL_DOMAIN:
                raise DataError(
                    _(
                        "%(source)s: デモのメールアドレスは @%(domain)s だけです"
                        "(実在する宛先にメールが届かないように): %(address)s"
                    )
                    % {"source": source, "domain": DEMO_MAIL_DOMAIN, "address": address}
                )


def moment(value, *, where):
    """A TOML local date-time (`2025-03-03 10:00:00`) as an aware datetime in the portal's
    time zone: the moment an action of the history took place."""
    if not isinstance(value, datetime.datetime) or value.tzinfo is not None:
        raise DataError(
            _("%(where)s: 日時は 2025-03-03 10:00:00 の形で書きます(時差なし): %(value)r")
            % {"where": where, "value": value}
        )
    return timezone.make_aware(value)


def pick(rows, key, *, where):
    """`rows[key]` (rows by their key or code), or a DataError naming the keys there are."""
    try:
        return rows[key]
    except (KeyError, TypeError):
        raise DataError(
            _("%(where)s: 「%(key)s」はありません(あるのは %(known)s)。")
            % {"where": where, "key": key, "known": ", ".join(map(str, rows))}
        ) from None


def ensure(model, lookup, values=None):
    """The row of `model` found by `lookup` (its natural key), or a new one with `values`,
    validated like a form would. Returns (row, created)."""
    row = model.objects.filter(**lookup).first()
    if row is not None:
        return row, False
    values = {**lookup, **(values or {})}
    where = f"{model._meta.verbose_name} {lookup}"
    try:
        row = model(**values)
    except TypeError as error:  # a key the model does not have
        raise DataError(f"{where}: {error}") from error
    # Rows it refers to are saved rows, and its natural key is free (nothing was found):
    # asking the database again would only repeat that.
    saved = [name for name, value in values.items() if getattr(value, "pk", None) is not None]
    validate(row, where=where, exclude=saved)
    row.save()
    return row, True


def validate(row, *, where, exclude=None):
    """full_clean, with what is wrong as a DataError naming `where`."""
    try:
        row.full_clean(exclude=exclude)
    except ValidationError as error:
        raise DataError(f"{where}: {describe(error)}") from error


def describe(error):
    """A ValidationError as one line of `field: message` parts."""
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
