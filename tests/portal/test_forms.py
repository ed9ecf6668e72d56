"""The form toolkit: the habits every form shares, the date, 年度 and year fields, the one
field template (through the form renderer) and the error summary."""

import datetime

import pytest
from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.forms.renderers import get_default_renderer
from django.template import Context, Template
from django.utils import timezone

from portal.forms import (
    DatePartsField,
    FiscalYearField,
    PortalFormMixin,
    PortalFormRenderer,
    Section,
    YenField,
    error_summary,
    founded_year_field,
)
from portal.wareki import current_fiscal_year


class DraftForm(PortalFormMixin, forms.Form):
    submit_required = ("title",)
    date_ranges = [("starts_on", "ends_on")]

    title = forms.CharField(label="事業名", required=False, help_text="短い名前にします。")
    summary = forms.CharField(label="概要", required=False, widget=forms.Textarea)
    email = forms.EmailField(label="メール", widget=forms.EmailInput(attrs={"placeholder": "x"}))
    secret = forms.CharField(label="合言葉", required=False, widget=forms.PasswordInput)
    starts_on = DatePartsField(label="開始日", required=False)
    ends_on = DatePartsField(label="終了日", required=False)
    agree = forms.BooleanField(label="同意する", required=False)
    area = forms.ChoiceField(
        label="地区", choices=[("a", "上福岡"), ("b", "大井")], widget=forms.RadioSelect
    )


def dates(prefix, year, month, day):
    return {f"{prefix}_0": str(year), f"{prefix}_1": str(month), f"{prefix}_2": str(day)}


def valid(**changes):
    data = {"email": "a@example.jp", "area": "a", "title": "花壇づくり", "summary": "概要"}
    data.update(changes)
    return data


# --- The mixin ---------------------------------------------------------------------------------


def test_every_field_learns_its_mark_from_submit_required_or_required():
    form = DraftForm()
    marks = {name: field.mark for name, field in form.fields.items()}
    assert marks["title"] == "required"  # needed for submitting, not for a draft
    assert marks["email"] == "required"  # required by the field itself
    assert marks["summary"] == "optional"


def test_placeholders_are_removed_and_email_is_limited_to_254_characters():
    form = DraftForm(valid(email="a" * 250 + "@example.jp"))
    assert "placeholder" not in form.fields["email"].widget.attrs
    assert form.fields["email"].widget.attrs["maxlength"] == "254"
    assert not form.is_valid()
    assert "email" in form.errors


def test_long_texts_get_the_portals_limit():
    form = DraftForm(valid(summary="あ" * 4001))
    assert not form.is_valid()
    assert "4000" in form.errors["summary"][0]


def test_invisible_characters_are_removed_with_a_message_beside_the_field():
    form = DraftForm(valid(title="花壇\x00づくり\u202e", summary="一行目\r\n二行目 👨‍👩‍👧"))
    assert not form.is_valid()
    assert form.errors["title"] == [
        "表示できない制御文字が含まれていたため、取り除きました。"
        "内容を確かめて、もう一度保存してください。"
    ]
    assert form["title"].value() == "花壇づくり"  # shown again without them
    assert "summary" not in form.errors  # line breaks and emoji sequences are kept
    again = DraftForm(valid(title=form["title"].value()))
    assert again.is_valid()


def test_passwords_are_left_as_typed():
    form = DraftForm(valid(secret="ab\u200bc"))
    assert form.is_valid()
    assert form.cleaned_data["secret"] == "ab\u200bc"


def test_single_line_fields_refuse_line_breaks():
    form = DraftForm(valid(title="花壇\nづくり"))
    assert form.errors["title"] == ["改行やタブは入力できません。"]


def test_preparing_the_fields_twice_adds_nothing_twice():
    form = DraftForm(valid(title="花壇\nづくり"))
    form.prepare_fields()
    assert form.errors["title"] == ["改行やタブは入力できません。"]


def test_end_before_start_is_refused_with_one_message():
    form = DraftForm(valid(**dates("starts_on", 2026, 5, 10), **dates("ends_on", 2026, 5, 9)))
    assert form.errors["ends_on"] == ["終了日は開始日と同じか、それより後の日付にしてください。"]
    same_day = DraftForm(valid(**dates("starts_on", 2026, 5, 10), **dates("ends_on", 2026, 5, 10)))
    assert same_day.is_valid()


def test_a_deleted_formset_row_is_not_checked_for_its_dates():
    RowFormSet = formset_factory(DraftForm, can_delete=True)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        **{f"form-0-{key}": value for key, value in valid().items()},
        **{f"form-0-{k}": v for k, v in dates("starts_on", 2026, 5, 10).items()},
        **{f"form-0-{k}": v for k, v in dates("ends_on", 2026, 5, 1).items()},
        "form-0-DELETE": "on",
    }
    assert RowFormSet(data).is_valid()


# --- Dates --------------------------------------------------------------------------------------


class DateForm(PortalFormMixin, forms.Form):
    day = DatePartsField(label="開催日")
    founded = DatePartsField(label="設立日", required=False, min_year=1868, max_year=2030)


def date_error(year, month="4", day="1", field="day"):
    form = DateForm(
        dates(field, year, month, day) | ({} if field == "day" else dates("day", 2026, 4, 1))
    )
    assert not form.is_valid()
    return form.errors[field][0]


def test_full_width_digits_are_understood():
    form = DateForm(dates("day", "２０２６", "４", "１"))
    assert form.is_valid()
    assert form.cleaned_data["day"] == datetime.date(2026, 4, 1)


@pytest.mark.parametrize("year", ["1900", "1999", "2101"])
def test_years_outside_2000_to_2100_are_refused(year):
    assert date_error(year) == "年は2000年から2100年までの範囲で入力してください。"


def test_a_five_digit_year_is_refused():
    assert date_error("20255") == "年は西暦の4桁で入力してください(例: 2026)。"


def test_the_range_can_be_set_per_field():
    assert DateForm(dates("day", 2026, 4, 1) | dates("founded", 1900, 4, 1)).is_valid()
    error = date_error("1867", field="founded")
    assert error == "年は1868年から2030年までの範囲で入力してください。"


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("2026", "13", "1"), "月は1から12までの数字で入力してください。"),
        (("2026", "4", "32"), "日は1から31までの数字で入力してください。"),
        (("2026", "2", "30"), "2026年2月30日という日付はありません。日付を確かめてください。"),
        (("二〇二六", "4", "1"), "年・月・日は数字で入力してください。"),
        (("2026", "", ""), "年・月・日をすべて入力してください。"),
    ],
)
def test_date_messages(parts, message):
    assert date_error(*parts) == message


def test_date_is_drawn_as_a_fieldset_of_three_labelled_inputs():
    html = str(DateForm(dates("day", 2026, 13, 1))["day"].as_field_group())
    assert '<fieldset class="form-field form-fieldset has-error" id="id_day_fieldset"' in html
    assert 'aria-describedby="id_day_helptext id_day_error"' in html
    assert '<legend>開催日 <span class="mark mark-required">※必須</span></legend>' in html
    for index, label in enumerate(("年", "月", "日")):
        assert f'<label for="id_day_{index}">{label}</label>' in html
    assert 'value="13"' in html and 'aria-invalid="true"' in html
    assert "placeholder" not in html
    assert "西暦で入力します。" in html


# --- Years ------------------------------------------------------------------------------------


class YearsForm(PortalFormMixin, forms.Form):
    fiscal_year = FiscalYearField()
    founded_year = founded_year_field()
    amount = YenField(required=False)


@pytest.mark.parametrize(
    ("typed", "year"),
    [("2026", 2026), ("R8", 2026), ("令和8", 2026), ("令和８年度", 2026), ("令和元年度", 2019)],
)
def test_fiscal_year_may_be_typed_in_wareki_or_seireki(typed, year):
    form = YearsForm({"fiscal_year": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["fiscal_year"] == year


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1999", "年度は2000年度から2100年度までの範囲で選んでください。"),
        ("R99", "年度は2000年度から2100年度までの範囲で選んでください。"),
        ("来年", "年度は、西暦(例: 2026)または和暦(例: 令和8)で入力してください。"),
    ],
)
def test_fiscal_year_outside_the_range_or_unreadable_is_refused(typed, message):
    assert YearsForm({"fiscal_year": typed}).errors["fiscal_year"] == [message]


def test_fiscal_year_is_a_list_around_the_current_one():
    current = current_fiscal_year()
    html = str(YearsForm()["fiscal_year"])
    assert html.count("<option") == 13
    assert f'<option value="{current - 10}">' in html
    assert f'<option value="{current + 2}">' in html
    assert f'<option value="{current}" selected>' in html
    assert "令和8年度(2026年度)" in html


def test_fiscal_year_list_keeps_a_stored_year_further_away():
    html = str(YearsForm(initial={"fiscal_year": 2001})["fiscal_year"])
    assert '<option value="2001" selected>平成13年度(2001年度)</option>' in html
    assert html.count("<option") == 14


def test_a_typed_fiscal_year_is_shown_selected_again():
    form = YearsForm({"fiscal_year": "R8", "amount": "abc"})
    assert not form.is_valid()
    assert '<option value="2026" selected>' in str(form["fiscal_year"])


@pytest.mark.parametrize(("typed", "ok"), [("1868", True), ("１９９５", True), ("1867", False)])
def test_founded_year_from_1868(typed, ok):
    form = YearsForm({"fiscal_year": "2026", "founded_year": typed})
    assert form.is_valid() is ok


def test_founded_year_up_to_this_year():
    this_year = timezone.localdate().year
    assert YearsForm({"fiscal_year": "2026", "founded_year": str(this_year)}).is_valid()
    form = YearsForm({"fiscal_year": "2026", "founded_year": str(this_year + 1)})
    assert "以下" in form.errors["founded_year"][0]


def test_yen_field_understands_commas_and_the_yen_sign():
    form = YearsForm({"fiscal_year": "2026", "amount": "１２,０００円"})
    assert form.is_valid()
    assert form.cleaned_data["amount"] == 12000


# --- The renderer and the field template --------------------------------------------------------


def test_every_form_is_drawn_by_the_portals_renderer():
    assert settings.FORM_RENDERER == "portal.forms.PortalFormRenderer"
    assert isinstance(get_default_renderer(), PortalFormRenderer)


def test_field_shows_label_mark_help_and_errors_linked_to_the_input():
    html = str(DraftForm(valid(title="a\nb"))["title"].as_field_group())
    assert (
        '<label for="id_title">事業名 <span class="mark mark-required">※必須</span></label>' in html
    )
    assert '<div class="help-text" id="id_title_helptext">短い名前にします。</div>' in html
    assert (
        '<div class="field-error" id="id_title_error"><p>改行やタブは入力できません。</p></div>'
        in html
    )
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'aria-invalid="true"' in html


def test_inputs_required_for_submitting_say_so_even_in_a_draft():
    html = str(DraftForm()["title"])
    assert " required" in html and 'aria-required="true"' in html
    assert "required" not in str(DraftForm()["summary"])


def test_choices_are_required_without_aria_required():
    html = str(DraftForm()["area"].as_field_group())
    assert "<legend>地区 <span" in html
    assert html.count(" required") == 2  # one per radio
    assert "aria-required" not in html


def test_optional_mark_and_checkbox_without_mark():
    form = DraftForm()
    assert '<span class="mark mark-optional">※任意</span>' in str(form["summary"].as_field_group())
    checkbox = str(form["agree"].as_field_group())
    assert '<div class="form-field form-field-checkbox">' in checkbox
    assert "mark" not in checkbox


def test_whole_form_draws_every_field_with_the_one_template():
    html = str(DraftForm())
    assert html.count('class="form-field') == 8
    assert "placeholder" not in html


# --- The error summary --------------------------------------------------------------------------


def render_summary(*parts):
    template = Template("{% load portal %}{% error_summary form other %}")
    return template.render(Context({"form": parts[0], "other": parts[1] if len(parts) > 1 else ""}))


def test_summary_lists_each_error_in_page_order_with_a_link_to_its_input():
    form = DraftForm({"title": "a\nb", **dates("starts_on", 2026, 2, 30)})
    entries = error_summary(form)
    assert [(entry.anchor, entry.label) for entry in entries] == [
        ("id_title", "事業名"),
        ("id_email", "メール"),
        ("id_starts_on_0", "開始日"),
        ("id_area_0", "地区"),
    ]


def test_summary_is_headed_focusable_and_announced():
    html = render_summary(DraftForm({"title": "a\nb"}))
    assert 'role="alert"' in html and 'tabindex="-1"' in html
    assert '<h2 id="error-summary-title">入力内容を確認してください(3件)</h2>' in html
    assert '<a href="#id_title">事業名: 改行やタブは入力できません。</a>' in html


def test_summary_covers_several_forms_and_nothing_without_errors():
    assert render_summary(DraftForm()).strip() == ""
    assert render_summary(DraftForm(valid())).strip() == ""
    html = render_summary(DraftForm(valid()), DateForm({}))
    assert '<a href="#id_day_0">開催日: このフィールドは必須です。</a>' in html


def test_sections_name_rows_and_link_errors_outside_fields_to_the_section():
    RowFormSet = formset_factory(DraftForm, max_num=1, validate_max=True)
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0"}
    data.update({f"form-0-{key}": value for key, value in valid(email="x").items()})
    entries = error_summary(Section(RowFormSet(data), anchor="section-events", label="イベント"))
    assert entries[0].anchor == "section-events" and entries[0].label == "イベント"
    assert entries[1].label == "イベント 1件目: メール"
    assert entries[1].anchor == "id_form-0-email"


def test_summary_says_chosen_files_were_not_kept():
    from django.core.files.uploadedfile import SimpleUploadedFile

    class UploadForm(PortalFormMixin, forms.Form):
        name = forms.CharField()
        upload = forms.FileField(required=False)

    form = UploadForm({}, {"upload": SimpleUploadedFile("a.pdf", b"%PDF-1.4")})
    assert error_summary(form).files_not_saved
    assert "もう一度ファイルを選んでください" in render_summary(form)
    assert not error_summary(UploadForm({})).files_not_saved


EMPTY_POST_PATTERNS = ("request.POST or None", "request.FILES or None")


def test_no_view_takes_an_empty_post_for_a_first_visit():
    """`request.POST or None` is None for a POST without fields: the page would come back as
    if freshly opened, without saying what was wrong. Views use `posted_data(request)`."""
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/**/*.py")
        if not path.is_relative_to(root / ".venv")
        and not path.is_relative_to(root / "tests")
        and "node_modules" not in path.parts
        and any(pattern in path.read_text() for pattern in EMPTY_POST_PATTERNS)
    ]
    assert offenders == []


def test_an_empty_post_is_a_post(rf):
    from portal.forms import posted_data, posted_files

    empty = rf.post("/", {})
    assert posted_data(empty) is not None and posted_files(empty) is not None
    assert posted_data(rf.get("/")) is None and posted_files(rf.get("/")) is None
