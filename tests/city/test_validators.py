import pytest
from django.core.exceptions import ValidationError

from city.validators import local_government_check_digit, validate_local_government_code


@pytest.mark.parametrize(
    "code",
    ["112453", "130001", "011002", "141500", "271004", "472018"],
)
def test_real_local_government_codes_pass(code):
    validate_local_government_code(code)


@pytest.mark.parametrize(
    ("first_five", "digit"),
    [("11245", 3), ("14150", 0), ("13000", 1)],
)
def test_check_digit_is_eleven_minus_the_weighted_remainder(first_five, digit):
    assert local_government_check_digit(first_five) == digit


def test_a_wrong_check_digit_is_refused_with_a_japanese_message():
    with pytest.raises(ValidationError) as error:
        validate_local_government_code("112454")
    assert error.value.code == "check_digit"
    assert "検査数字" in error.value.messages[0]


@pytest.mark.parametrize("code", ["11245", "1124530", "11245a", "", "１１２４５３"])
def test_anything_but_six_ascii_digits_is_refused(code):
    with pytest.raises(ValidationError) as error:
        validate_local_government_code(code)
    assert error.value.code == "format"
