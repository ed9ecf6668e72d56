"""The display name's checks live in `portal.text`; migrations name this module's path."""

from portal.text import validate_plain_text, validate_single_line

__all__ = ["validate_plain_text", "validate_single_line"]
