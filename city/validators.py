import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CHECK_DIGIT_WEIGHTS = (6, 5, 4, 3, 2)


def local_government_check_digit(first_five):
    """The check digit of a 全国地方公共団体コード: weigh the five digits by 6, 5, 4, 3, 2,
    take the sum modulo 11, and the last digit of 11 minus that remainder."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first_five, CHECK_DIGIT_WEIGHTS, strict=True)
    )
    return (11 - total % 11) % 10


def validate_local_government_code(value):
    if not re.fullmatch(r"[0-9]{6}", value or ""):
        raise ValidationError(
            _("全国地方公共団体コードは、半角数字6桁(検査数字を含む)で入力してください。"),
            code="format",
        )
    if int(value[5]) != local_government_check_digit(value[:5]):
        raise ValidationError(
            _("全国地方公共団体コードの検査数字(6桁目)が合いません。コードを確かめてください。"),
            code="check_digit",
        )
