"""An event's times are one text box each (one keyboard stop; the browser's time input takes
three), accepting 13:30 and the same typed in full width."""

import datetime

import pytest

from projects.forms import EventForm

pytestmark = pytest.mark.django_db


def test_the_time_is_one_text_box():
    html = str(EventForm()["start_time"])
    assert 'type="text"' in html
    assert 'type="time"' not in html


@pytest.mark.parametrize("typed", ["13:30", "１３：３０", "13:30:00", "13時30分", "1330"])
def test_times_are_understood_as_typed(typed):
    form = EventForm(
        {
            "title": "説明会",
            "starts_on_0": "2027",
            "starts_on_1": "5",
            "starts_on_2": "1",
            "start_time": typed,
        }
    )
    form.is_valid()
    assert form.cleaned_data.get("start_time") == datetime.time(13, 30), form.errors
