"""The form toolkit of the portal: the habits every form shares, the reusable fields, the
renderer that draws every field the same way, and the error summary.

- `PortalFormMixin`: help text instead of placeholders, invisible characters removed with
  a message, length limits, the 「※必須」「※任意」 marks (`field.mark`), and the
  end-after-start check declared as `date_ranges`.
- Fields: dates as 年 / 月 / 日 (`DatePartsField`), the 年度 (`FiscalYearField`), a 西暦
  year (`YearField`) and an amount of money (`YenField`).
- `PortalFormRenderer` (settings.FORM_RENDERER): one field template
  (templates/forms/field.html) with labels, marks, help and errors wired to the inputs.
- `error_summary()`: the entries of the list of errors at the top of a page
  (templates/forms/error_summary.html).
"""

import datetime
import re
import unicodedata
import uuid
from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.forms.boundfield import BoundField
from django.forms.formsets import BaseFormSet
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import wareki
from .text import remove_invisible_characters, validate_no_line_breaks, validate_single_line

EMAIL_MAX_LENGTH = 254
# Long texts without a limit of their own in the model get this one in the forms.
LONG_TEXT_MAX_LENGTH = 4000
# Dates and 年度 of projects, events and contracts lie within these years.
MIN_YEAR = 2000
MAX_YEAR = 2100
# The first year an organisation may have been founded in: 明治元年.
FOUNDED_MIN_YEAR = 1868

INVISIBLE_REMOVED = _(
    "表示できない制御文字が含まれていたため、取り除きました。"
    "内容を確かめて、もう一度保存してください。"
)
SINGLE_LINE_VALIDATORS = (validate_no_line_breaks, validate_single_line)
END_BEFORE_START = _("終了日は開始日と同じか、それより後の日付にしてください。")


# --- The mixin every form of the portal uses ------------------------------------------------


class PortalFormMixin:
    """Habits every form of the portal shares.

    - No placeholders: help text says what to type, the label whether it is required.
    - Invisible control and format characters are removed from what was typed, with a
      message beside the field, so that saving once more is all the person has to do.
      Single-line fields refuse line breaks; passwords are left as typed.
    - E-mail addresses hold at most 254 characters, long texts LONG_TEXT_MAX_LENGTH.
    - Every field learns `field.mark` ("required" or "optional") for its 「※必須」「※任意」
      mark: the names in `submit_required` (what submitting needs, even where a draft may
      be saved without it), or else the field's own `required`.
    - `date_ranges = [("starts_on", "ends_on")]`: each end must not lie before its start.
    """

    submit_required = ()
    date_ranges = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepare_fields()

    def prepare_fields(self):
        """Apply the habits to every field; call again after adding fields."""
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if getattr(field, "mark", None) is None:
                required = name in self.submit_required or field.required
                field.mark = "required" if required else "optional"
            if not isinstance(field, forms.CharField) or getattr(field, "portal_ready", False):
                continue
            field.portal_ready = True
            if isinstance(field.widget, forms.PasswordInput):
                continue
            if isinstance(field, forms.EmailField) and (
                field.max_length is None or field.max_length > EMAIL_MAX_LENGTH
            ):
                # The database column holds 254 characters (RFC 5321); say so, not fail.
                field.max_length = EMAIL_MAX_LENGTH
                field.validators = [
                    v for v in field.validators if not isinstance(v, MaxLengthValidator)
                ] + [MaxLengthValidator(EMAIL_MAX_LENGTH)]
                field.widget.attrs["maxlength"] = str(EMAIL_MAX_LENGTH)
            if field.max_length is None:
                field.max_length = LONG_TEXT_MAX_LENGTH
                field.validators.append(MaxLengthValidator(LONG_TEXT_MAX_LENGTH))
            # Null characters are removed like any control character, with our message.
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ]
            single_line = not isinstance(field.widget, forms.Textarea | forms.HiddenInput)
            if single_line and not any(v in SINGLE_LINE_VALIDATORS for v in field.validators):
                field.validators.append(validate_no_line_breaks)

    def full_clean(self):
        self._had_invisible = []
        if self.is_bound:
            self._remove_invisible_characters()
        super().full_clean()

    def _remove_invisible_characters(self):
        data = self.data.copy()
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(
                field.widget, forms.PasswordInput
            ):
                continue
            key = self.add_prefix(name)
            if key not in data:
                continue
            if hasattr(data, "getlist"):
                values = data.getlist(key)
                cleaned = [remove_invisible_characters(str(value)) for value in values]
                if cleaned != values:
                    data.setlist(key, cleaned)
                    self._had_invisible.append(name)
            else:
                value = str(data[key])
                cleaned = remove_invisible_characters(value)
                if cleaned != value:
                    data[key] = cleaned
                    self._had_invisible.append(name)
        self.data = data

    def clean(self):
        cleaned_data = super().clean()
        for name in self._had_invisible:
            self.add_error(name, INVISIBLE_REMOVED)
        if not self.cleaned_data.get("DELETE"):
            self._check_date_ranges()
        return cleaned_data

    def _check_date_ranges(self):
        for start, end in self.date_ranges:
            starts_on, ends_on = self.cleaned_data.get(start), self.cleaned_data.get(end)
            if starts_on and ends_on and ends_on < starts_on:
                self.add_error(end, END_BEFORE_START)


# --- Dates as 年 / 月 / 日 ----------------------------------------------------------------------


class OnceFormMixin:
    """A form that creates something carries a random key, so that posting the same page again
    repeats nothing (portal/once.py). `once_key(scope, user)` is what the service claims."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["once"] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=64, initial=uuid.uuid4().hex
        )

    def once_key(self, scope, user):
        key = "".join(c for c in (self.cleaned_data.get("once") or "") if c.isalnum())
        if not key:
            return ""
        return f"{scope}:{getattr(user, 'pk', '') or ''}:{key}"


class VersionedFormMixin:
    """A model form that carries the row's `updated_at` as it was when the page was shown, so
    that a save over someone else's newer save is refused (the service asks `is_stale` under
    the row lock) instead of silently overwriting it; what was typed stays on the page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if self.instance.pk and getattr(self.instance, "updated_at", None):
            self.fields["version"].initial = self.instance.updated_at.isoformat()

    def is_stale(self, current):
        version = self.cleaned_data.get("version")
        return bool(version) and version != current.updated_at.isoformat()


STALE_EDIT = _(
    "この間に、ほかの人が内容を更新しました。入力した内容は残してあります。"
    "最新の内容を確認してから、もう一度保存してください。"
)


class DatePartsWidget(forms.MultiWidget):
    """Three labelled inputs: 年, 月, 日 (the デジタル庁 design system's date input).

    The field's own label becomes the legend of a fieldset (MultiWidget.use_fieldset).
    """

    template_name = "forms/widgets/date_parts.html"
    parts = (("year", _("年"), 4), ("month", _("月"), 2), ("day", _("日"), 2))

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "autocomplete": "off",
                    "size": size,
                    "class": f"date-part-input date-part-{code}",
                }
            )
            for code, _label, size in self.parts
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.year), str(value.month), str(value.day)]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for (_code, label, _size), subwidget in zip(
            self.parts, context["widget"]["subwidgets"], strict=True
        ):
            subwidget["part_label"] = label
        return context


class DatePartsField(forms.MultiValueField):
    """A date typed as 西暦 year, month and day (full-width digits understood), between
    `min_year` and `max_year`."""

    widget = DatePartsWidget
    default_error_messages = {
        "incomplete": _("年・月・日をすべて入力してください。"),
        "not_numbers": _("年・月・日は数字で入力してください。"),
        "year": _("年は西暦の4桁で入力してください(例: 2026)。"),
        "year_range": _("年は%(min_year)s年から%(max_year)s年までの範囲で入力してください。"),
        "month": _("月は1から12までの数字で入力してください。"),
        "day": _("日は1から31までの数字で入力してください。"),
        "impossible": _(
            "%(year)s年%(month)s月%(day)s日という日付はありません。日付を確かめてください。"
        ),
    }

    def __init__(self, *, min_year=MIN_YEAR, max_year=MAX_YEAR, **kwargs):
        self.min_year, self.max_year = min_year, max_year
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        self.help_text = self.help_text or _("西暦で入力します。")

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        if len(data_list) != 3 or not all(data_list):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        parts = [unicodedata.normalize("NFKC", str(value)).strip() for value in data_list]
        if not all(part.isascii() and part.isdigit() for part in parts):
            raise ValidationError(self.error_messages["not_numbers"], code="not_numbers")
        if len(parts[0]) != 4:
            raise ValidationError(self.error_messages["year"], code="year")
        year, month, day = (int(part) for part in parts)
        if not self.min_year <= year <= self.max_year:
            raise ValidationError(
                self.error_messages["year_range"],
                code="year_range",
                params={"min_year": self.min_year, "max_year": self.max_year},
            )
        if not 1 <= month <= 12:
            raise ValidationError(self.error_messages["month"], code="month")
        if not 1 <= day <= 31:
            raise ValidationError(self.error_messages["day"], code="day")
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(
                self.error_messages["impossible"],
                code="impossible",
                params={"year": year, "month": month, "day": day},
            ) from None


# --- Years ----------------------------------------------------------------------------------


class FiscalYearSelect(forms.Select):
    """The 年度 around the current one, labelled 令和N年度(西暦), and the chosen one even
    when it lies further away. Built when drawn, so that April brings the new year."""

    def __init__(
        self,
        attrs=None,
        *,
        min_year=MIN_YEAR,
        max_year=MAX_YEAR,
        before=10,
        after=2,
        empty_label=None,
    ):
        super().__init__(attrs)
        self.min_year, self.max_year = min_year, max_year
        self.before, self.after = before, after
        self.empty_label = empty_label  # a first choice for "any 年度" (a filter)

    def get_context(self, name, value, attrs):
        current = wareki.current_fiscal_year()
        years = set(
            range(
                max(self.min_year, current - self.before),
                min(self.max_year, current + self.after) + 1,
            )
        )
        if isinstance(value, int) and self.min_year <= value <= self.max_year:
            years.add(value)
        self.choices = [(year, fiscal_year_choice_label(year)) for year in sorted(years)]
        if self.empty_label is not None:
            self.choices.insert(0, ("", self.empty_label))
        return super().get_context(name, value, attrs)


def fiscal_year_choice_label(year):
    return gettext("%(label)s(%(year)s年度)") % {
        "label": wareki.fiscal_year_label(year),
        "year": year,
    }


class FiscalYearField(forms.Field):
    """A 年度, as the 西暦 year it starts in. Chosen from a list; a year typed as text is
    understood too (2026, 令和8, R8, 令和8年度)."""

    default_error_messages = {
        "invalid": _("年度は、西暦(例: 2026)または和暦(例: 令和8)で入力してください。"),
        "range": _("年度は%(min_year)s年度から%(max_year)s年度までの範囲で選んでください。"),
    }

    def __init__(self, *, min_year=MIN_YEAR, max_year=MAX_YEAR, **kwargs):
        self.min_year, self.max_year = min_year, max_year
        kwargs.setdefault("label", _("年度"))
        kwargs.setdefault(
            "help_text",
            _("年度は4月に始まり、翌年の3月に終わります(例: 令和8年度は2026年4月から)。"),
        )
        kwargs.setdefault("widget", FiscalYearSelect(min_year=min_year, max_year=max_year))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        year = wareki.parse_year(value)
        if year is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return year

    def validate(self, value):
        super().validate(value)
        if value is not None and not self.min_year <= value <= self.max_year:
            raise ValidationError(
                self.error_messages["range"],
                code="range",
                params={"min_year": self.min_year, "max_year": self.max_year},
            )

    def prepare_value(self, value):
        """The year to select: what was stored or typed, else the current 年度."""
        if isinstance(value, str):
            value = wareki.parse_year(value)
        return value if isinstance(value, int) else wareki.current_fiscal_year()


class YearField(forms.IntegerField):
    """A 西暦 year typed in digits (full-width ones too), between `min_year` and
    `max_year` (a callable, e.g. this year, is read when the form is checked)."""

    def __init__(self, *, min_year, max_year, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(min_value=min_year, max_value=max_year, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
        return super().to_python(value)


def founded_year_field(**kwargs):
    """The year an organisation was founded: 明治元年 (1868) up to this year."""
    kwargs.setdefault("label", _("設立年(西暦)"))
    kwargs.setdefault("required", False)
    kwargs.setdefault("help_text", _("西暦4桁で入力します(例: 2015)。"))
    return YearField(min_year=FOUNDED_MIN_YEAR, max_year=wareki.current_year, **kwargs)


# --- Money ------------------------------------------------------------------------------------


class YenField(forms.IntegerField):
    """An amount of money: 「10,000」「１００００円」 are understood as 10000."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 10**12)
        super().__init__(**kwargs)
        self.widget.input_type = "text"
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.widget.attrs.pop("min", None)
        self.widget.attrs.pop("max", None)

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value)
            for character in (",", "円", " ", "¥", "\\"):
                value = value.replace(character, "")
        return super().to_python(value)


class TimeTextField(forms.TimeField):
    """A time of day typed in one box (one keyboard stop): 13:30, １３：３０, 13時30分, 1330."""

    widget = forms.TimeInput(format="%H:%M", attrs={"size": 5, "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
            spoken = re.fullmatch(r"(\d{1,2})時(?:(\d{1,2})分)?", value)
            if spoken:
                value = f"{spoken[1]}:{spoken[2] or '00'}"
            elif re.fullmatch(r"\d{3,4}", value):
                value = f"{value[:-2]}:{value[-2:]}"
        return super().to_python(value)


# --- Rendering ----------------------------------------------------------------------------------

# Inputs whose role does not take aria-required (their `required` attribute says it).
CHOICE_INPUTS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


class PortalBoundField(BoundField):
    """A field as the templates draw it: its mark, the id its error links to, and
    `required` / `aria-required` on inputs that submitting needs."""

    @property
    def mark(self):
        """「※必須」 (required), 「※任意」 (optional), or 「※追加する場合は必須」 (conditional):
        required in a row one may leave empty (an extra row of a formset)."""
        mark = getattr(self.field, "mark", None)
        mark = mark or ("required" if self.field.required else "optional")
        if mark == "required" and getattr(self.form, "empty_permitted", False):
            return "conditional"
        return mark

    @property
    def anchor(self):
        """The id of the first input: a fieldset's first choice or date part."""
        if self.use_fieldset and not self.is_hidden:
            return f"{self.auto_id}_0"
        return self.auto_id

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if self.mark != "required" or self.field.disabled:
            return attrs
        if self.form.use_required_attribute and widget.use_required_attribute(self.initial):
            attrs["required"] = True
        # Said to assistive technology even where the browser's own check cannot apply (a
        # select without an empty choice, a row of a formset, a form checked by the server).
        if not isinstance(widget, CHOICE_INPUTS):
            attrs["aria-required"] = "true"
        return attrs


class PortalFormRenderer(TemplatesSetting):
    """Every form and field of the portal drawn by our templates (templates/forms/)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = PortalBoundField


# --- What a request posts ------------------------------------------------------------------


def posted_data(request):
    """The form data of a POST, None otherwise. A POST with no fields at all is a POST too:
    its empty data is false, and testing that instead would show the page as freshly
    opened, without a word on what was wrong."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    return request.FILES if request.method == "POST" else None


# --- The comment of an action button ------------------------------------------------------


class ActionCommentForm(PortalFormMixin, forms.Form):
    """The comment typed beside an action button (approve, return, withdraw, answer a
    partner request), cleaned as every text of the portal is."""

    comment = forms.CharField(label=_("コメント"), required=False, widget=forms.Textarea)

    def __init__(self, *args, max_length=4000, required=False, label=None, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        field.required = required
        field.label = label or field.label
        field.help_text = help_text
        field.widget.attrs["rows"] = 3
        field.max_length = max_length
        field.validators = [
            v for v in field.validators if not isinstance(v, MaxLengthValidator)
        ] + [MaxLengthValidator(max_length)]


def posted_comment(request, max_length=4000):
    """The comment posted with an action: `(comment, None)`, or `(None, message)` when it
    cannot be taken as it is (too long, or with characters that were removed)."""
    form = ActionCommentForm(request.POST, max_length=max_length)
    if form.is_valid():
        return form.cleaned_data["comment"], None
    return None, " ".join(form.errors["comment"])


# --- The error summary ------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorEntry:
    message: str
    label: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Section:
    """A form or formset of a page with several parts: errors outside any field link to
    the section (`anchor`) and are named after it (`label`)."""

    form: object
    anchor: str = ""
    label: str = ""

    def entries(self):
        if isinstance(self.form, BaseFormSet):
            yield from self._outside(self.form.non_form_errors())
            for number, row in enumerate(self.form.forms, start=1):
                prefix = gettext("%(section)s %(number)s件目: ") % {
                    "section": self.label,
                    "number": number,
                }
                yield from self._form_entries(row, prefix)
        else:
            yield from self._form_entries(self.form)

    def _outside(self, messages):
        for message in messages:
            yield ErrorEntry(message=message, label=self.label, anchor=self.anchor)

    def _form_entries(self, form, prefix=""):
        errors = form.errors
        for name, messages in errors.items():
            if name == NON_FIELD_ERRORS or name not in form.fields or form[name].is_hidden:
                yield from self._outside(messages)
        for bound_field in form:
            if bound_field.is_hidden:
                continue
            for message in errors.get(bound_field.name, ()):
                yield ErrorEntry(
                    message=message,
                    label=f"{prefix}{bound_field.label}",
                    anchor=bound_field.anchor,
                )


class ErrorSummary(list):
    """The entries of the error summary, and whether files chosen were not kept."""

    files_not_saved = False


def error_summary(*parts):
    """One entry per error of the given forms and formsets (or `Section`s), in the order
    of the page, each linking to the input it is about. Parts that are no form are skipped."""
    summary = ErrorSummary()
    for part in parts:
        if not isinstance(part, Section) and not hasattr(part, "errors"):
            continue  # a part the page does not have (None, or an empty template variable)
        section = part if isinstance(part, Section) else Section(part)
        summary.extend(section.entries())
        if getattr(section.form, "files", None):
            summary.files_not_saved = True
    summary.files_not_saved = summary.files_not_saved and bool(summary)
    return summary
