"""What a person types and uploads on the proposal pages, for the proposal tests."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from organizations.models import ActivityField, Area
from principles.models import ChecklistItem

# The form's own fields, filled in completely.
DETAIL_DATA = {
    "subsidy": {"requested_amount": "150,000", "budget_plan": "収入: 補助金15万円 / 支出: 会場費"},
    "patronage": {
        "event_name": "ふじみ野こども防災フェア",
        "venue": "ふじみ野市立産業文化センター",
        "audience": "市内の小学生と保護者",
        "fee": "無料",
        "name_on_poster": "on",
        "name_on_flyer": "on",
    },
    "commission": {"contract_amount": "300000", "deliverables": "講座6回の実施と報告書"},
    "committee": {"committee_name": "上福岡七夕まつり実行委員会", "chair": "商店会連合会長"},
    "cooperation": {"agreement_name": "包括連携協定"},
    "cohosting": {"cost_sharing": "会場費は市、講師謝金は団体が負担する。"},
}


# A 補助's budget as the editor posts it: 支出 200,000円, 参加費 50,000円 besides the
# city's 150,000円, so that the requested 150,000円 is exactly what is left uncovered.
BUDGET_DATA = {
    "income-TOTAL_FORMS": "2",
    "income-INITIAL_FORMS": "0",
    "income-MIN_NUM_FORMS": "0",
    "income-MAX_NUM_FORMS": "1000",
    "income-0-category": "city_subsidy",
    "income-0-planned_amount": "150,000",
    "income-1-category": "fees",
    "income-1-description": "参加費 500円×100人",
    "income-1-planned_amount": "50000",
    "expenses-TOTAL_FORMS": "2",
    "expenses-INITIAL_FORMS": "0",
    "expenses-MIN_NUM_FORMS": "0",
    "expenses-MAX_NUM_FORMS": "1000",
    "expenses-0-category": "honoraria",
    "expenses-0-description": "講師謝礼",
    "expenses-0-planned_amount": "120000",
    "expenses-1-category": "rental",
    "expenses-1-description": "会場使用料",
    "expenses-1-planned_amount": "80000",
}


def date_parts(prefix, value):
    return {
        f"{prefix}_0": str(value.year),
        f"{prefix}_1": str(value.month),
        f"{prefix}_2": str(value.day),
    }


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def proposal_data(form_code, organization=None, *, event_date=None, **overrides):
    """A complete proposal as the page posts it (one partner row, every self-check item)."""
    today = timezone.localdate()
    event_date = event_date or today + datetime.timedelta(days=60)
    data = {
        "title": "こども食堂と防災を学ぶ会",
        "summary": "地域の子どもたちと防災を学びます。",
        "purpose": "子どもの居場所づくりと防災意識の向上",
        "expected_effect": "地域のつながりが強まります。",
        "fields": [str(ActivityField.objects.order_by("order").first().pk)],
        "area": str(Area.objects.get(code="kamifukuoka").pk),
        "fiscal_year": str(today.year if today.month >= 4 else today.year - 1),
        **date_parts("starts_on", event_date),
        "place": "上福岡駅周辺",
        "budget": "200000",
        "safety_insurance": "行事保険に加入します。",
        "safety_plan": "救護担当を置き、緊急連絡網を作ります。",
        **management("partners", total=1),
        "partners-0-name": "市内小学校PTA",
        "partners-0-role": "参加者の募集",
        **management("events", total=1),
        "files-image_alt": "",
    }
    if organization is not None:
        data["lead_organization"] = str(organization.pk)
    for key, value in DETAIL_DATA[form_code].items():
        data[f"detail-{key}"] = value
    if form_code == "patronage":
        data.update(date_parts("detail-event_date", event_date))
    if form_code == "subsidy":
        data.update(BUDGET_DATA)
    for item in ChecklistItem.objects.filter(is_active=True):
        data[f"check-answer_{item.pk}"] = "yes"
    data.update(overrides)
    return data


def pdf_file(name="kiyaku.pdf"):
    content = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_bytes(size=(40, 30), color=(11, 107, 58)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def png_file(name="photo.png", size=(40, 30)):
    return SimpleUploadedFile(name, png_bytes(size), content_type="image/png")


def jpeg_file(name="photo.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (200, 100, 50)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def bomb_png_file(name="bomb.png", side=20_000):
    """Small on disk, huge once decoded: a one-colour 1-bit image of side × side pixels.

    20000 × 20000 is beyond twice Pillow's limit (DecompressionBombError); 11000 × 11000 is
    between the limit and twice it (DecompressionBombWarning)."""
    buffer = io.BytesIO()
    Image.new("1", (side, side), 0).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def office_file(kind="docx", name=None, *, macro=False):
    main_part = {
        "docx": "word/document.xml",
        "xlsx": "xl/workbook.xml",
        "pptx": "ppt/presentation.xml",
    }[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(main_part, '<?xml version="1.0"?><document/>')
        if macro:
            archive.writestr("word/vbaProject.bin", b"\x00" * 16)
    return SimpleUploadedFile(
        name or f"meibo.{kind}", buffer.getvalue(), content_type="application/octet-stream"
    )


def html_as_pdf_file():
    return SimpleUploadedFile(
        "yoko.pdf",
        b"<!doctype html><html><script>alert(1)</script></html>",
        content_type="application/pdf",
    )


def text_as_png_file():
    return SimpleUploadedFile(
        "photo.png", b"this is plain text, not an image\n", content_type="image/png"
    )


def svg_file():
    return SimpleUploadedFile(
        "logo.svg",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )


def confirm_submit(client, project, *, comment=None, follow=False):
    """Submit as the applicant does: confirm on the 確認画面 the proposal as it is now."""
    from django.urls import reverse

    from projects.views.review import review_token

    project.refresh_from_db()
    data = {"reviewed": review_token(project)}
    if comment is not None:
        data["comment"] = comment
    return client.post(reverse("projects:proposal_review", args=[project.pk]), data, follow=follow)


def edit_data(page):
    """What the edit page posts back unchanged (every bound value of its forms)."""
    data = {}
    for name, form in page.context["forms"].items():
        forms = getattr(form, "forms", None)
        if forms is not None:
            for key, value in form.management_form.initial.items():
                data[f"{form.prefix}-{key}"] = value
            rows = forms
        else:
            rows = [form]
        for row in rows:
            for field in row:
                value = field.value()
                if value is None or name == "files":
                    continue
                if isinstance(value, list):
                    data[field.html_name] = [str(v) for v in value]
                elif isinstance(value, bool):
                    if value:
                        data[field.html_name] = "on"
                else:
                    data[field.html_name] = str(value)
    for section in page.context["editor_sections"]:
        for field in section["form"]:
            if field.value() is not None:
                data[field.html_name] = str(field.value())
    return data
