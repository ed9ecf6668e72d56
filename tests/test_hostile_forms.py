"""Random and hostile values posted to every form of the portal, as every role.

Each page below is read as each role, as a browser would: the forms it offers and what an
untouched form would send. Hypothesis then posts, to every form found and as every role
(those who may not see the form too), values drawn from the hostile list below, random text,
numbers of any size and files of every kind: sometimes one or two fields spoiled in an
otherwise untouched form (so that the other parts of the page pass and a half-save would
show), sometimes everything. For every post:

- no 500: the view answers, whatever came in;
- nothing half-saved: unless the post was carried out (a redirect), no row of any table
  changed;
- the error shown next to the field: every error beside a field sits in that field's block
  and is named by its input's aria-describedby, the error summary's links lead to the
  inputs, and a page sent back with a 200 says what was wrong.

Each example runs in a savepoint that is rolled back, so every post meets the same world.
The examples are the same on every run (`derandomize`); `HYPOTHESIS_PROFILE=explore` draws
new ones, and HOSTILE_EXAMPLES sets how many per form and role.
"""

import hashlib
import io
import os
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from projects.models import Form
from tests.caching import clear_cache
from tests.hostile import error_layout, page_forms
from tests.world import PNG, ROLES

pytestmark = pytest.mark.django_db

hypothesis_settings.register_profile(
    "portal", derandomize=True, deadline=None, database=None, print_blob=True
)
hypothesis_settings.register_profile("explore", deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "portal"))

# Examples per form and role: more for the roles the form is offered to.
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "5"))
EXAMPLES_REFUSED = 1

# Every page of the portal with a form on it (the admin site is Django's own).
PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/change/",
    "/accounts/email/",
    "/mypage/",
    "/mypage/profile/",
    "/mypage/contacts/new/{other_organization}/",
    "/mypage/contacts/{contact_request}/",
    "/organizations/register/",
    "/organizations/{organization}/edit/",
    "/organizations/{pending}/edit/",
    "/organizations/{organization}/members/",
    "/organizations/{organization}/documents/",
    *[f"/projects/new/?form={form}" for form in Form.values],
    "/projects/{draft}/edit/",
    "/projects/{draft}/proposal/",
    "/projects/{draft}/review/",
    "/projects/{draft}/withdraw/",
    "/projects/{draft}/messages/",
    "/projects/{public}/report/",
    "/projects/{patronage}/notices/",
    "/projects/{completed}/evaluation/",
    "/projects/{evaluated}/evaluation/notes/",
    "/calls/{call_open}/propose/",
    "/events/{event}/",
    "/events/{event}/signup/",
    "/volunteers/{volunteer_request}/",
    "/volunteers/{volunteer_request}/edit/",
    "/volunteers/{volunteer_request}/applications/",
    "/volunteers/new/{organization}/",
    "/events/signup/{application_token}/",
    "/events/signup/confirm/{confirm_token}/",
    "/calls/{call_open}/proposals/{call_draft_project}/answers/",
    "/calls/{call_review}/review/{call_project}/",
    "/staff/",
    "/staff/calls/new/",
    "/staff/calls/{call_draft}/edit/",
    "/staff/calls/{call_review}/",
    "/staff/projects/new/",
    "/staff/projects/{public}/",
    "/staff/projects/{submitted}/",
    "/staff/projects/{public}/edit/",
    "/staff/projects/{completed}/",
    "/staff/projects/{completed}/evaluation/",
    "/staff/projects/{patronage}/edit/",
    "/staff/projects/{patronage}/",
    "/staff/projects/{draft}/messages/",
    "/staff/organizations/{pending}/",
    "/staff/organizations/{organization}/",
    "/staff/organizations/{organization}/edit/",
]
# Forms that end the session rather than take data.
SKIPPED_ACTIONS = ("/accounts/logout/",)

HUGE = "99999999999999999999"
HOSTILE = [
    "",
    " ",
    "\u3000",
    "0",
    "-1",
    "1.5",
    "1e400",
    HUGE,
    f"-{HUGE}",
    "2147483648",
    "9223372036854775808",
    "NaN",
    "Infinity",
    "２０２６",
    "令和8年",
    "0001",
    "202",
    "1900",
    "20255",
    "99999",
    "13",
    "32",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "=1+1",
    "+81-49-000-0000",
    "-2+3",
    "@SUM(A1:A2)",
    '=HYPERLINK("http://example.com","x")',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "\x00",
    "a\x00b",
    "\x1b[31m赤\x1b[0m",
    "\u202e逆向き",
    "ゼロ\u200b幅",
    "\ufeffBOM",
    "𠮷野家🍣",
    "\r\n",
    "一行目\n二行目",
    "\r",
    "../../etc/passwd",
    "javascript:alert(1)",
    "http://",
    "https://example.jp/" + "a" * 3000,
    "x" * 300,
    "あ" * 5000,
    "%00",
    "%s%s%n",
    "None",
    "[]",
    "member@example.jp",
    "a@b",
    "@",
    "a" * 64 + "@" + "b" * 250 + ".jp",
]


def _jpeg_with_gps():
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (35.0, 51.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
FILES = [
    ("写真.png", PNG, "image/png"),
    ("photo.jpg", _jpeg_with_gps(), "image/jpeg"),
    ("anim.gif", GIF, "image/gif"),
    ("bitmap.bmp", b"BM" + b"\x00" * 60, "image/bmp"),
    ("偽物.png", b"<?php echo 'not an image'; ?>", "image/png"),
    ("資料.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    ("macro.xlsm", b"PK\x03\x04" + b"\x00" * 40, "application/vnd.ms-excel"),
    ("empty.pdf", b"", "application/pdf"),
    ("../../etc/passwd.pdf", b"%PDF-1.4\n", "application/pdf"),
    ("=cmd|'calc'!A0.pdf", b"%PDF-1.4\n", "application/pdf"),
    ("a" * 300 + ".png", PNG, "image/png"),
    ("noext", os.urandom(64), "application/octet-stream"),
]

OMIT = object()
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
numbers = st.integers(min_value=-(10**22), max_value=10**22).map(str)
hostile_text = st.one_of(st.sampled_from(HOSTILE), text, numbers)
files = st.sampled_from(FILES).map(
    lambda spec: SimpleUploadedFile(spec[0], spec[1], content_type=spec[2])
)


def spoiled(field):
    """A value a careless or malicious person could send in place of the field's own."""
    if field.kind == "file":
        return files
    if field.kind in {"select", "radio", "submit"}:
        return st.one_of(st.sampled_from(field.choices or [""]), hostile_text)
    if field.kind in {"checkbox", "multiple"}:
        chosen = st.lists(st.sampled_from(field.choices), unique=True) if field.choices else None
        parts = [st.lists(hostile_text, max_size=3)]
        return st.one_of(chosen, *parts) if chosen is not None else parts[0]
    return hostile_text


def untouched(field):
    if field.kind == "file" or field.default in (None, []):
        return OMIT
    return field.default


@st.composite
def submissions(draw, form):
    """What is posted: an untouched form with one or two fields spoiled or left out, or a
    form spoiled throughout."""
    names = sorted(form.fields)
    data = {name: untouched(form.fields[name]) for name in names}
    if draw(st.booleans()) and names:
        chosen = draw(st.sets(st.sampled_from(names), max_size=2))
    else:
        chosen = set(names)
    for name in sorted(chosen):
        field = form.fields[name]
        data[name] = draw(st.one_of(st.just(OMIT), spoiled(field)))
    return {name: value for name, value in data.items() if value is not OMIT}


def fingerprint():
    """Every row of every table but the sessions, as one digest."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label == "sessions" or model._meta.proxy:
            continue
        digest.update(model._meta.label.encode())
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _sign_in(client, users, role):
    client.logout()
    if role != "anonymous":
        client.force_login(users[role])


def _forms_of(client, users, path):
    """The forms of the page, as each role who may see it finds them; by who saw them."""
    found = {}
    for role in ROLES:
        _sign_in(client, users, role)
        response = client.get(path)
        if response.status_code != 200:
            continue
        for form in page_forms(response.content.decode(), path, SKIPPED_ACTIONS):
            entry = found.setdefault(form.key, (form, set()))
            entry[1].add(role)
    return list(found.values())


def _check_post(client, form, role, data):
    before = fingerprint()
    response = client.post(form.action, data)
    where = f"POST {form.action} as {role} with {sorted(data)}"
    assert response.status_code < 500, f"{where}: {response.status_code}"
    if response.status_code not in (301, 302, 303):
        assert fingerprint() == before, f"{where}: answered {response.status_code}, but saved"
    if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
        layout = error_layout(response.content.decode())
        assert layout.problems == [], f"{where}: {layout.problems}"
        if layout.field_errors:
            assert layout.summary, f"{where}: errors beside fields, but no error summary"
        # An irreversible action's confirmation page (portal/actions.py) is a step, not a
        # refusal: it says what will happen and asks again.
        confirming = 'name="confirmed" value="1"' in response.content.decode()
        assert layout.summary or layout.messages or confirming, f"{where}: sent back saying nothing"


def _hostile_posts(client, users, form, role, examples):
    @hypothesis_settings(
        max_examples=examples,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data=submissions(form))
    def post(data):
        clear_cache()  # allauth's rate limits: every example reaches the form
        client.cookies.pop(django_settings.LANGUAGE_COOKIE_NAME, None)
        with transaction.atomic():
            _sign_in(client, users, role)
            try:
                _check_post(client, form, role, data)
            finally:
                transaction.set_rollback(True)

    return post


@pytest.mark.parametrize("template", PAGES)
def test_every_form_takes_hostile_values_as_every_role(client, world, template):
    ids, users = world
    path = template.format(**ids)
    found = _forms_of(client, users, path)
    assert found, f"{path} shows no form to any role"
    for form, seen_by in found:
        for role in ROLES:
            examples = EXAMPLES if role in seen_by else EXAMPLES_REFUSED
            _hostile_posts(client, users, form, role, examples)()


def test_the_pages_offer_the_forms_of_every_kind(client, world):
    """The reading of the pages finds what the test posts to: forms with dates, choices,
    files and hidden keys, offered to members and staff alike."""
    ids, users = world
    kinds = set()
    actions = set()
    for template in PAGES:
        for form, _seen_by in _forms_of(client, users, template.format(**ids)):
            actions.add(urlsplit(form.action).path)
            kinds.update(field.kind for field in form.fields.values())
    assert {"text", "hidden", "select", "textarea", "file", "checkbox", "password"} <= kinds
    assert len(actions) >= 25, sorted(actions)
