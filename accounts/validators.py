"""Checks for text people type: any script and any name, but no invisible control codes."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Format characters that real names and nicknames use: the zero-width joiner inside
# emoji sequences and the variation selectors are not format characters, but ZWJ is.
ALLOWED_FORMAT_CHARACTERS = {"\u200d"}
# Line breaks and tabs are fine in longer texts; forms for single lines strip them anyway.
ALLOWED_CONTROL_CHARACTERS = {"\n", "\r", "\t"}


def find_forbidden_character(value):
    for character in value:
        category = unicodedata.category(character)
        if category == "Cc" and character not in ALLOWED_CONTROL_CHARACTERS:
            return character
        if category == "Cf" and character not in ALLOWED_FORMAT_CHARACTERS:
            return character
        if category in ("Cs", "Co", "Cn"):
            return character
    return None


def validate_plain_text(value):
    """Reject control and unassigned characters, which no person means to type."""
    if value and find_forbidden_character(value) is not None:
        raise ValidationError(
            _("制御文字など、表示できない文字が含まれています。取り除いてから送信してください。"),
            code="control_character",
        )


def validate_single_line(value):
    validate_plain_text(value)
    if value and any(character in value for character in "\n\r\t"):
        raise ValidationError(_("改行やタブは入力できません。"), code="line_break")
