"""What text people type may contain: any script and any name, but no invisible control
codes. One home for the rules, used by the form toolkit, the upload checks and the models."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Format characters that real names and nicknames use: the zero-width joiner inside
# emoji sequences (the variation selectors are not format characters, ZWJ is).
ALLOWED_FORMAT_CHARACTERS = {"\u200d"}
# Line breaks and tabs are fine in longer texts; single lines refuse them separately.
ALLOWED_CONTROL_CHARACTERS = {"\n", "\r", "\t"}
LINE_BREAKS = "\n\r\t"


def is_invisible(character):
    """A control or format character nobody means to type (pasted from other programs)."""
    category = unicodedata.category(character)
    return (category == "Cc" and character not in ALLOWED_CONTROL_CHARACTERS) or (
        category == "Cf" and character not in ALLOWED_FORMAT_CHARACTERS
    )


def remove_invisible_characters(value):
    return "".join(character for character in value if not is_invisible(character))


def find_forbidden_character(value):
    for character in value:
        if is_invisible(character) or unicodedata.category(character) in ("Cs", "Co", "Cn"):
            return character
    return None


def validate_plain_text(value):
    """Reject control and unassigned characters, which no person means to type."""
    if value and find_forbidden_character(value) is not None:
        raise ValidationError(
            _("制御文字など、表示できない文字が含まれています。取り除いてから送信してください。"),
            code="control_character",
        )


def validate_no_line_breaks(value):
    if value and any(character in value for character in LINE_BREAKS):
        raise ValidationError(_("改行やタブは入力できません。"), code="line_break")


def validate_single_line(value):
    validate_plain_text(value)
    validate_no_line_breaks(value)
