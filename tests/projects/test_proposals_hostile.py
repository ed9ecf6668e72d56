"""Hostile or mistaken input never gives a 500: each gets a clear Japanese message beside
its field and in the list at the top, and everything else typed is shown again."""

import pytest
from django.urls import reverse

from projects.models import REQUIRED_ATTACHMENT_KINDS, Attachment, Form, Project
from tests import factories
from tests.projects.proposal_data import (
    bomb_png_file,
    html_as_pdf_file,
    pdf_file,
    proposal_data,
    svg_file,
    text_as_png_file,
)

pytestmark = pytest.mark.django_db

TYPED_TITLE = "入力を失いたくない事業名"
TYPED_PURPOSE = "ここまで書いた目的の文章です。"


@pytest.fixture
def signed_in(client, member, organization, media):
    client.force_login(member)
    return client


@pytest.fixture
def draft(organization):
    return factories.make_project(lead_organization=organization, status="draft", form="patronage")


# A form whose proposal has a period of its own and a list of events (a 後援 asks only its
# event's date, in its own part).
PERIOD_AND_EVENTS = "subsidy"


def post_create(client, organization, form_code="patronage", **overrides):
    data = proposal_data(form_code, organization, title=TYPED_TITLE, purpose=TYPED_PURPOSE)
    data.update(overrides)
    return client.post(reverse("projects:proposal_create") + f"?form={form_code}", data)


def post_edit(client, project, **overrides):
    data = proposal_data(project.form, title=TYPED_TITLE, purpose=TYPED_PURPOSE)
    data["partners-TOTAL_FORMS"] = "0"
    data.update(overrides)
    return client.post(reverse("projects:proposal_edit", args=[project.pk]), data)


def assert_refused_and_kept(response, message):
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'id="error-summary"' in content
    assert TYPED_TITLE in content and TYPED_PURPOSE in content
    return content


# --- Files ------------------------------------------------------------------------------------------


def test_oversized_file_is_refused_and_the_text_kept(signed_in, draft, settings):
    settings.PROPOSAL_ATTACHMENT_MAX_BYTES = 40
    response = post_edit(signed_in, draft, **{"files-file_bylaws": pdf_file()})
    content = assert_refused_and_kept(response, "ファイルが大きすぎます")
    assert "もう一度ファイルを選んでください" in content
    assert not Attachment.objects.exists()
    draft.refresh_from_db()
    assert draft.title != TYPED_TITLE  # nothing was saved: all or nothing


def test_html_named_pdf_is_refused(signed_in, draft):
    response = post_edit(signed_in, draft, **{"files-file_outline": html_as_pdf_file()})
    assert_refused_and_kept(response, "HTML や SVG などのファイルは受け付けていません。")
    assert not Attachment.objects.exists()


def test_text_named_png_is_refused_as_main_image(signed_in, draft):
    response = post_edit(signed_in, draft, **{"files-image": text_as_png_file()})
    assert_refused_and_kept(
        response, "ファイル名は「.png」ですが、中身が受け付けている形式ではありません。"
    )
    draft.refresh_from_db()
    assert not draft.image


def test_decompression_bomb_is_refused(signed_in, draft):
    response = post_edit(signed_in, draft, **{"files-image": bomb_png_file()})
    assert_refused_and_kept(response, "画像の大きさ(縦横のピクセル数)が大きすぎます。")


def test_svg_with_script_is_refused(signed_in, draft):
    response = post_edit(signed_in, draft, **{"files-image": svg_file()})
    assert_refused_and_kept(response, "HTML や SVG などのファイルは受け付けていません。")


def test_refused_file_on_the_create_page_keeps_the_text(signed_in, organization):
    response = post_create(signed_in, organization, **{"files-file_bylaws": html_as_pdf_file()})
    assert_refused_and_kept(response, "HTML や SVG")
    assert not Project.objects.exists()


# --- Text -----------------------------------------------------------------------------------------------


def test_overlong_title_is_refused_with_the_limit(signed_in, organization):
    response = post_create(signed_in, organization, summary="長" * 2001)
    content = assert_refused_and_kept(response, "2000")
    assert 'href="#id_summary"' in content
    assert not Project.objects.exists()


def test_overlong_text_without_a_model_limit_is_refused(signed_in, organization):
    response = post_create(signed_in, organization, safety_plan="あ" * 5000)
    assert_refused_and_kept(response, "4000")


def test_control_characters_are_removed_with_a_message(signed_in, organization):
    response = post_create(
        signed_in, organization, summary="夏祭り\x00の\x1b[31m準備\u202eです", place="駅前\x07広場"
    )
    content = assert_refused_and_kept(
        response, "表示できない制御文字が含まれていたため、取り除きました。"
    )
    assert "夏祭りの[31m準備です" in content
    assert "\x00" not in content and "\x1b" not in content and "\u202e" not in content
    # Saving once more is all it takes.
    response = post_create(signed_in, organization, summary="夏祭りの準備です", place="駅前広場")
    assert response.status_code == 302


def test_line_breaks_and_emoji_are_kept(signed_in, organization):
    response = post_create(signed_in, organization, summary="一行目\r\n二行目 👨‍👩‍👧")
    assert response.status_code == 302
    assert Project.objects.get().summary.splitlines() == ["一行目", "二行目 👨‍👩‍👧"]


# --- Dates and numbers ---------------------------------------------------------------------------------


def test_impossible_date_gets_a_clear_message(signed_in, organization):
    response = post_create(
        signed_in,
        organization,
        PERIOD_AND_EVENTS,
        starts_on_0="2026",
        starts_on_1="2",
        starts_on_2="30",
    )
    content = assert_refused_and_kept(response, "2026年2月30日という日付はありません。")
    assert 'href="#id_starts_on_0"' in content
    assert 'value="30"' in content  # what was typed stays in the boxes


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("2026", "13", "1"), "月は1から12までの数字で入力してください。"),
        (("2026", "4", "32"), "日は1から31までの数字で入力してください。"),
        (("二〇二六", "4", "1"), "年・月・日は数字で入力してください。"),
        (("2026", "", ""), "年・月・日をすべて入力してください。"),
        (("26", "4", "1"), "年は西暦の4桁で入力してください"),
        (("99999999999999999999", "4", "1"), "年は西暦の4桁で入力してください"),
    ],
)
def test_malformed_dates_get_clear_messages(signed_in, organization, parts, message):
    year, month, day = parts
    response = post_create(
        signed_in,
        organization,
        PERIOD_AND_EVENTS,
        starts_on_0=year,
        starts_on_1=month,
        starts_on_2=day,
    )
    assert_refused_and_kept(response, message)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("1900", "年は2000年から2100年までの範囲で入力してください。"),
        ("20255", "年は西暦の4桁で入力してください"),
    ],
)
def test_dates_outside_the_range_of_projects_are_refused_at_input(
    signed_in, organization, year, message
):
    response = post_create(
        signed_in,
        organization,
        PERIOD_AND_EVENTS,
        starts_on_0=year,
        starts_on_1="4",
        starts_on_2="1",
    )
    assert_refused_and_kept(response, message)
    assert not Project.objects.exists()


def test_event_in_1900_is_refused_at_input(signed_in, organization):
    response = post_create(
        signed_in,
        organization,
        PERIOD_AND_EVENTS,
        **{
            "events-0-title": "説明会",
            "events-0-starts_on_0": "1900",
            "events-0-starts_on_1": "5",
            "events-0-starts_on_2": "10",
        },
    )
    assert_refused_and_kept(response, "イベント 1件目: 開始日: 年は2000年から2100年まで")


def test_contract_ending_before_it_starts_is_refused(signed_in, organization):
    response = post_create(
        signed_in,
        organization,
        form_code="commission",
        **{
            "detail-contract_starts_on_0": "2026",
            "detail-contract_starts_on_1": "6",
            "detail-contract_starts_on_2": "1",
            "detail-contract_ends_on_0": "2026",
            "detail-contract_ends_on_1": "5",
            "detail-contract_ends_on_2": "31",
        },
    )
    content = assert_refused_and_kept(response, "終了日は開始日と同じか、それより後の日付に")
    assert 'href="#id_detail-contract_ends_on_0"' in content


@pytest.mark.parametrize("typed", ["1999", "来年", "R99"])
def test_fiscal_year_outside_the_range_is_refused(signed_in, organization, typed):
    response = post_create(signed_in, organization, fiscal_year=typed)
    content = assert_refused_and_kept(response, "年度")
    assert 'href="#id_fiscal_year"' in content
    assert not Project.objects.exists()


def test_full_width_digits_are_understood(signed_in, organization):
    response = post_create(
        signed_in,
        organization,
        PERIOD_AND_EVENTS,
        starts_on_0="２０２６",
        starts_on_1="４",
        starts_on_2="１",
    )
    assert response.status_code == 302
    assert str(Project.objects.get().starts_on) == "2026-04-01"


def test_impossible_patronage_event_date_is_refused(signed_in, organization):
    response = post_create(
        signed_in,
        organization,
        **{"detail-event_date_0": "2027", "detail-event_date_1": "2", "detail-event_date_2": "29"},
    )
    assert_refused_and_kept(response, "2027年2月29日という日付はありません。")


def test_end_before_start_is_refused_not_a_database_error(signed_in, organization):
    response = post_create(
        signed_in,
        organization,
        PERIOD_AND_EVENTS,
        starts_on_0="2026",
        starts_on_1="5",
        starts_on_2="10",
        ends_on_0="2026",
        ends_on_1="5",
        ends_on_2="1",
    )
    assert_refused_and_kept(response, "終了日は開始日と同じか、それより後の日付にしてください。")


def test_event_end_before_start_is_refused(signed_in, organization):
    response = post_create(
        signed_in,
        organization,
        PERIOD_AND_EVENTS,
        **{
            "events-0-title": "説明会",
            "events-0-starts_on_0": "2026",
            "events-0-starts_on_1": "5",
            "events-0-starts_on_2": "10",
            "events-0-ends_on_0": "2026",
            "events-0-ends_on_1": "5",
            "events-0-ends_on_2": "9",
        },
    )
    assert_refused_and_kept(response, "終了日は開始日と同じか、それより後の日付にしてください。")


def test_huge_amount_is_refused(signed_in, organization):
    response = post_create(signed_in, organization, budget="9" * 30)
    assert_refused_and_kept(response, "1000000000000")


def test_amount_with_commas_and_yen_is_understood(signed_in, organization):
    response = post_create(signed_in, organization, budget="１２,０００円")
    assert response.status_code == 302
    assert Project.objects.get().budget == 12000


def test_unknown_self_check_answer_is_refused(signed_in, organization):
    from principles.models import ChecklistItem

    item = ChecklistItem.objects.filter(is_active=True).first()
    response = post_create(signed_in, organization, **{f"check-answer_{item.pk}": "maybe"})
    assert_refused_and_kept(response, "正しく選択してください")


def test_tampered_formset_management_data_is_refused(signed_in, organization):
    response = post_create(signed_in, organization, **{"partners-TOTAL_FORMS": "abc"})
    assert response.status_code == 200
    assert TYPED_TITLE in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize("prefix", ["partners", "events"])
@pytest.mark.parametrize("claimed", ["31", "9390", "100000"])
def test_a_made_up_row_count_builds_no_more_rows_than_a_proposal_may_have(
    signed_in, organization, prefix, claimed
):
    """A TOTAL_FORMS larger than the limit is refused, and the page is drawn with at most
    ROWS_MAX rows (Django would otherwise build and draw up to a thousand more)."""
    from projects.forms import ROWS_MAX

    response = post_create(
        signed_in, organization, PERIOD_AND_EVENTS, **{f"{prefix}-TOTAL_FORMS": claimed}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f'name="{prefix}-{ROWS_MAX - 1}-' in content
    assert f'name="{prefix}-{ROWS_MAX}-' not in content
    assert f"{ROWS_MAX}件まで入力できます。" in content
    assert TYPED_TITLE in content
    assert not Project.objects.exists()


def test_tampered_area_id_is_refused(signed_in, organization):
    response = post_create(signed_in, organization, area="999999")
    assert_refused_and_kept(response, "正しく選択してください")


def test_tampered_attachment_ids_for_removal_are_refused(signed_in, draft):
    response = post_edit(signed_in, draft, **{"files-remove_attachments": ["abc", "999999"]})
    assert_refused_and_kept(response, "削除する添付ファイル")


def test_impossible_event_time_is_refused(signed_in, organization):
    response = post_create(
        signed_in,
        organization,
        PERIOD_AND_EVENTS,
        **{
            "events-0-title": "説明会",
            "events-0-starts_on_0": "2026",
            "events-0-starts_on_1": "5",
            "events-0-starts_on_2": "10",
            "events-0-start_time": "25:99",
        },
    )
    assert_refused_and_kept(response, "イベント 1件目: 開始時間")


def _document_marks(content):
    """The mark beside each document upload of the page, by its input's name."""
    import re

    marks = {}
    for match in re.finditer(
        r'<label for="id_files-(file_\w+)">[^<]*<span class="mark mark-(required|attached|optional)">',
        content,
    ):
        marks[match.group(1)] = match.group(2)
    return marks


def test_the_documents_a_patronage_needs_are_marked_required(signed_in, organization):
    content = signed_in.get(reverse("projects:proposal_create") + "?form=patronage").content
    marks = _document_marks(content.decode())
    assert marks == {
        "file_bylaws": "required",
        "file_officers": "required",
        "file_outline": "required",
        "file_budget": "required",
        "file_other": "optional",
    }


def test_a_form_that_needs_no_document_marks_none_required(signed_in, organization):
    content = signed_in.get(reverse("projects:proposal_create") + "?form=subsidy").content
    assert set(_document_marks(content.decode()).values()) == {"optional"}


def test_a_document_already_attached_needs_no_second_upload(signed_in, draft):
    Attachment.objects.create(
        project=draft,
        kind="bylaws",
        file=pdf_file("規約.pdf"),
        original_name="規約.pdf",
        content_type="application/pdf",
        size=10,
    )
    content = signed_in.get(reverse("projects:proposal_edit", args=[draft.pk])).content
    page = content.decode()
    marks = _document_marks(page)
    # Still a required document, not 「※任意」: the page says it is there.
    assert marks["file_bylaws"] == "attached"
    assert "※必須(添付済み)" in page
    assert marks["file_budget"] == "required"


@pytest.mark.parametrize("form_code", [form.value for form in Form])
def test_each_form_marks_the_documents_its_submission_needs(signed_in, organization, form_code):
    page = signed_in.get(reverse("projects:proposal_create") + f"?form={form_code}")
    page = page.content.decode()
    needed = REQUIRED_ATTACHMENT_KINDS[form_code]
    marks = _document_marks(page)
    assert {name for name, mark in marks.items() if mark == "required"} == {
        f"file_{kind.value}" for kind in needed
    }
    assert {
        mark for name, mark in marks.items() if name not in {f"file_{k.value}" for k in needed}
    } == {"optional"}
    label = Form(form_code).label
    if needed:
        names = "、".join(str(kind.label) for kind in needed)
        assert f"{label}の提出には、{names}の{len(needed)}つが必要です" in page
    else:
        assert f"{label}の提出に必要な添付ファイルはありません。" in page


def test_every_form_declares_its_required_documents():
    assert set(REQUIRED_ATTACHMENT_KINDS) == set(Form)
