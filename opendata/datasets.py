"""The open datasets: their columns (documented on /opendata/) and their rows.

Every dataset starts from the public QuerySets, so nothing private can enter it.
Dates are ISO 8601 (西暦), as the open-data guidelines ask; times are in Japan's time zone
(+09:00), as the city's own records are.
"""

from django.db.models import Prefetch

from city.profile import current as current_city
from organizations.models import Organization
from portal.site import absolute_url
from portal.wareki import localtime
from projects.models import Event, Partner, Project


def _names(items):
    return ";".join(item.name for item in items)


# (column, description) pairs: the column names are the CSV headers and the JSON keys.
PROJECT_COLUMNS = [
    ("ID", "協働事業の番号(ポータル内で一意)"),
    ("事業名", ""),
    ("概要", ""),
    ("目的", ""),
    ("協働の形態コード", "subsidy / patronage / commission / committee / cooperation / cohosting"),
    ("協働の形態", "補助 / 後援 / 委託 / 実行委員会 / 事業協力 / 共催"),
    ("状態コード", "published / completed / evaluated"),
    ("状態", "実施中 / 完了 / 評価済み"),
    ("年度", "年度の始まる年(西暦)。2025 は令和7年度"),
    ("開始日", "YYYY-MM-DD"),
    ("終了日", "YYYY-MM-DD"),
    ("実施場所", ""),
    ("地区", ""),
    ("活動分野", "特定非営利活動促進法 別表の分野。複数は ; 区切り"),
    ("主たる団体", ""),
    ("協働の担い手", "主たる団体以外の担い手。複数は ; 区切り"),
    ("担当課", ""),
    ("事業費", "円"),
    ("公開日時", "ISO 8601、日本時間(+09:00)"),
    ("URL", "ポータルの事業ページ"),
]

ORGANIZATION_COLUMNS = [
    ("ID", "団体の番号(ポータル内で一意)"),
    ("団体名", ""),
    ("団体名_カナ", ""),
    ("種別コード", "npo / civic / community / business / academic / other"),
    ("種別", ""),
    ("活動分野", "複数は ; 区切り"),
    ("地区", ""),
    ("団体の紹介", ""),
    ("できること", ""),
    ("求めていること", ""),
    ("電話番号", "団体が公開を選んだもののみ"),
    ("電子メール", "団体が公開を選んだもののみ"),
    ("ウェブサイト", ""),
    ("URL", "ポータルの団体ページ"),
]

# The columns of 自治体標準オープンデータセット「イベント一覧」.
EVENT_COLUMNS = [
    ("全国地方公共団体コード", "公開する市区町村のコード(6桁、検査数字を含む)"),
    ("ID", "イベントの番号"),
    ("地方公共団体名", "都道府県名と市区町村名"),
    ("イベント名", ""),
    ("イベント名_カナ", "(未整備)"),
    ("イベント名_英字", "(未整備)"),
    ("開始日", "YYYY-MM-DD"),
    ("終了日", "YYYY-MM-DD"),
    ("開始時間", "hh:mm"),
    ("終了時間", "hh:mm"),
    ("説明", ""),
    ("料金(基本)", "後援事業の参加費"),
    ("料金(詳細)", ""),
    ("連絡先名称", "担当課"),
    ("連絡先電話番号", "担当課の電話番号"),
    ("連絡先内線番号", ""),
    ("主催者", "主たる団体"),
    ("場所名称", ""),
    ("住所", ""),
    ("方書", ""),
    ("緯度", "世界測地系"),
    ("経度", "世界測地系"),
    ("URL", "ポータルの事業ページ"),
    ("備考", "協働事業名と協働の形態(中止になったイベントは先頭に「中止。」)"),
]


def project_rows(request, queryset=None):
    queryset = (
        (queryset if queryset is not None else Project.objects.public())
        .select_related("lead_organization", "area", "department")
        .prefetch_related(
            "fields",
            Prefetch("partners", queryset=Partner.objects.select_related("organization")),
        )
    )
    for project in queryset.order_by("id"):
        partners = [p.display_name for p in project.partners.all() if p.is_public]
        yield {
            "ID": project.pk,
            "事業名": project.title,
            "概要": project.summary,
            "目的": project.purpose,
            "協働の形態コード": project.form,
            "協働の形態": str(project.get_form_display()),
            "状態コード": project.status,
            "状態": str(project.get_status_display()),
            "年度": project.fiscal_year,
            "開始日": project.starts_on.isoformat() if project.starts_on else "",
            "終了日": project.ends_on.isoformat() if project.ends_on else "",
            "実施場所": project.place,
            "地区": project.area.name if project.area else "",
            "活動分野": _names(project.fields.all()),
            "主たる団体": project.lead_organization.name,
            "協働の担い手": ";".join(partners),
            "担当課": project.department.name if project.department else "",
            "事業費": project.budget if project.budget is not None else "",
            "公開日時": localtime(project.published_at).isoformat() if project.published_at else "",
            "URL": absolute_url(project.get_absolute_url()),
        }


def organization_rows(request):
    queryset = (
        Organization.objects.public()
        .select_related("area")
        .prefetch_related("fields")
        .order_by("name_kana", "id")
    )
    for organization in queryset:
        yield {
            "ID": organization.pk,
            "団体名": organization.name,
            "団体名_カナ": organization.name_kana,
            "種別コード": organization.kind,
            "種別": str(organization.get_kind_display()),
            "活動分野": _names(organization.fields.all()),
            "地区": organization.area.name if organization.area else "",
            "団体の紹介": organization.description,
            "できること": organization.offers,
            "求めていること": organization.needs,
            "電話番号": organization.public_phone,
            "電子メール": organization.public_email,
            "ウェブサイト": organization.public_url,
            "URL": absolute_url(organization.get_absolute_url()),
        }


def public_events():
    return (
        Event.objects.filter(project__in=Project.objects.public())
        .select_related(
            "project", "project__lead_organization", "project__department", "project__patronage"
        )
        .order_by("starts_on", "start_time", "id")
    )


def event_rows(request):
    city = current_city()
    for event in public_events():
        project = event.project
        department = project.department
        fee = ""
        if project.form == Project.Form.PATRONAGE:
            detail = project.form_detail()
            fee = detail.fee if detail else ""
        yield {
            "全国地方公共団体コード": city.local_government_code,
            "ID": event.pk,
            "地方公共団体名": city.full_name,
            "イベント名": event.title,
            "イベント名_カナ": "",
            "イベント名_英字": "",
            "開始日": event.starts_on.isoformat(),
            "終了日": (event.ends_on or event.starts_on).isoformat(),
            "開始時間": event.start_time.strftime("%H:%M") if event.start_time else "",
            "終了時間": event.end_time.strftime("%H:%M") if event.end_time else "",
            "説明": event.description or project.summary,
            "料金(基本)": fee,
            "料金(詳細)": "",
            "連絡先名称": f"{city.full_name} {department.name}" if department else "",
            "連絡先電話番号": department.phone if department else "",
            "連絡先内線番号": "",
            "主催者": project.lead_organization.name,
            "場所名称": event.place,
            "住所": event.address,
            "方書": "",
            "緯度": event.latitude if event.latitude is not None else "",
            "経度": event.longitude if event.longitude is not None else "",
            "URL": absolute_url(project.get_absolute_url()),
            # A cancelled event stays in the list, said to be so (中止) first.
            "備考": ("中止。" if project.status == Project.Status.CANCELLED else "")
            + f"{project.title}({project.get_form_display()})",
        }
