"""Demo data: the guideline's real examples and the private cases that must stay private.

`python manage.py load_demo` is idempotent. Every row has a stable natural key
(departments and areas by code, users by e-mail, organisations by name, projects by
title + lead organisation + fiscal year, partners by project + order, events by project +
title, evaluations by project + party), so a second run updates the same rows instead of
adding new ones. A project's state is changed only through `projects.lifecycle.apply`, and
only when the project is created by this run: afterwards its state is left alone.

All dates are fixed calendar dates (never "today"), so the data is the same on every run.
Every organisation here is invented and says so in its description.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from organizations.models import ActivityField, Area, Department, Membership, Organization
from portal import lifecycle as portal_lifecycle
from principles.models import (
    ChecklistItem,
    Evaluation,
    EvaluationScore,
    Principle,
    SelfCheckAnswer,
)
from projects import lifecycle
from projects.models import (
    REQUIRED_ATTACHMENT_KINDS,
    Attachment,
    CohostingDetail,
    CommissionDetail,
    CommitteeDetail,
    CooperationDetail,
    Event,
    Form,
    Partner,
    PatronageDetail,
    Project,
    Report,
    SubsidyDetail,
    Transition,
)

# Values tests (and other tools) rely on.
DEMO_PASSWORD = "kyodo-demo-2026"
DEMO_NOTE = "(デモ用の架空の団体です)"
PRIVATE_PHONE = "090-0000-1111"
PRIVATE_ADDRESS_MARKER = "デモ非公開住所"
PRIVATE_TITLE_MARKER = "【非公開"
GUIDELINE_EXAMPLES = {
    "自治組織運営活動への支援": Form.SUBSIDY,
    "市民大学ふじみ野": Form.COMMISSION,
    "スポーツフェスティバル": Form.COMMISSION,
    "上福岡七夕まつり": Form.COMMITTEE,
    "おおい祭り": Form.COMMITTEE,
    "環境フェア": Form.COMMITTEE,
    "大学等との包括連携協定に基づく事業": Form.COOPERATION,
    "民間企業との災害協定": Form.COOPERATION,
    "スポーツカレッジ": Form.COHOSTING,
}

TOKYO = ZoneInfo("Asia/Tokyo")
# What a proposal must say before it is submitted, where a demo project has no text of its own.
DEMO_EXPECTED_EFFECT = (
    "参加した市民どうしのつながりが生まれ、地域の課題に一緒に取り組む人が増えます。"
)
DEMO_SAFETY_INSURANCE = "参加者とスタッフは、市民活動保険(賠償責任・傷害)の対象です。"
DEMO_SAFETY_PLAN = "当日は責任者を置き、けがや急病のときは119番と主催者・担当課に連絡します。"
# A minimal one-page PDF standing in for each required document.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def _at(value):
    """'2026-03-02 10:00' → an aware datetime in Japan time."""
    return datetime.datetime.fromisoformat(value).replace(tzinfo=TOKYO)


# --------------------------------------------------------------------------------------
# Users and departments
# --------------------------------------------------------------------------------------

USERS = {
    "staff": {"email": "staff@example.jp", "label": "職員(協働推進課)"},
    "dept": {"email": "dept@example.jp", "label": "職員(担当課・生涯学習課)"},
    "member": {"email": "member@example.jp", "label": "団体メンバー"},
    "admin": {"email": "admin@example.jp", "label": "管理者(スーパーユーザー)", "superuser": True},
}

# 協働推進課 (kyodo-suishin) comes from a migration; these are the other 担当課.
DEPARTMENTS = [
    ("lifelong-learning", "生涯学習課", "049-000-0102", "shogai-gakushu@example.jp", 2),
    ("sports", "スポーツ振興課", "049-000-0103", "sports@example.jp", 3),
    ("environment", "環境課", "049-000-0104", "kankyo@example.jp", 4),
    ("disaster-prevention", "危機管理防災課", "049-000-0105", "bosai@example.jp", 5),
    ("industry", "産業振興課", "049-000-0106", "sangyo@example.jp", 6),
]

DEPARTMENT_STAFF = {"staff": "kyodo-suishin", "dept": "lifelong-learning"}

# (user, organisation key, role)
MEMBERSHIPS = [
    ("member", "kodomo", Membership.Role.OWNER),
    ("member", "eco", Membership.Role.EDITOR),
]

# --------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------

APPROVED = Organization.Status.APPROVED
K = Organization.Kind

ORGANIZATIONS = [
    {
        "key": "kami1",
        "name": "上福岡第一町会(デモ)",
        "name_kana": "カミフクオカダイイチチョウカイ",
        "kind": K.COMMUNITY,
        "fields": ["community-development", "community-safety", "disaster-relief"],
        "area": "kamifukuoka",
        "founded_year": 1962,
        "description": "上福岡駅の西側を区域とする町会です。防犯パトロール、防災訓練、夏祭り、"
        "町会だよりの発行などに取り組んでいます。",
        "offers": "地域の見守り、行事の会場周辺の交通整理、集会所の貸し出し",
        "needs": "若い世代の役員・ボランティア、町会だよりのデジタル化の手伝い",
        "approved_at": "2023-04-03 10:00",
    },
    {
        "key": "oi_chuo",
        "name": "大井中央町会(デモ)",
        "name_kana": "オオイチュウオウチョウカイ",
        "kind": K.COMMUNITY,
        "fields": ["community-development", "community-safety", "disaster-relief"],
        "area": "oi",
        "founded_year": 1958,
        "description": "大井地区の中心部の町会です。歳末夜警、防災訓練、おおい祭りのみこし運営を"
        "続けています。",
        "offers": "祭りや防災訓練の運営ノウハウ、地域への回覧",
        "needs": "防災訓練に参加する若い世代、外国籍住民への情報提供の協力",
        "approved_at": "2023-04-03 10:30",
    },
    {
        "key": "kodomo",
        "name": "NPO法人ふじみ野子ども未来ネット(デモ)",
        "name_kana": "フジミノコドモミライネット",
        "kind": K.NPO,
        "fields": ["children", "social-education", "health-welfare"],
        "area": "citywide",
        "founded_year": 2015,
        "description": "子どもの居場所づくり、学習支援、親子向けの体験教室を行うNPO法人です。",
        "offers": "子ども向け講座の企画・運営、ボランティアの募集と研修",
        "needs": "活動場所(放課後・土曜日)、理科や工作が得意なボランティア",
        "approved_at": "2023-05-15 11:00",
    },
    {
        "key": "manabi",
        "name": "NPO法人まなびの森ふじみ野(デモ)",
        "name_kana": "マナビノモリフジミノ",
        "kind": K.NPO,
        "fields": ["social-education", "culture-arts-sports", "intermediary-support"],
        "area": "citywide",
        "founded_year": 2011,
        "description": "市民が学び、教え合う講座を企画・運営するNPO法人です。市民大学ふじみ野の"
        "運営を受託しています。",
        "offers": "講座の企画、講師の手配、受講者の募集と受付",
        "needs": "講師を務めてくださる市民、大学・企業との連携",
        "approved_at": "2023-04-10 09:30",
    },
    {
        "key": "sports",
        "name": "NPO法人ふじみ野スポーツクラブ(デモ)",
        "name_kana": "フジミノスポーツクラブ",
        "kind": K.NPO,
        "fields": ["culture-arts-sports", "health-welfare", "children"],
        "area": "citywide",
        "founded_year": 2008,
        "description": "子どもから高齢者まで、だれもが気軽にスポーツを楽しめる総合型地域スポーツ"
        "クラブです。",
        "offers": "スポーツ教室の指導者、大会運営、用具の貸し出し",
        "needs": "審判・運営ボランティア、平日夜間の練習会場",
        "approved_at": "2023-04-10 10:00",
    },
    {
        "key": "ekimae",
        "name": "上福岡駅前商店会(デモ)",
        "name_kana": "カミフクオカエキマエショウテンカイ",
        "kind": K.BUSINESS,
        "fields": ["economy", "community-development", "tourism"],
        "area": "kamifukuoka",
        "founded_year": 1970,
        "description": "上福岡駅周辺の商店で構成する商店会です。上福岡七夕まつりの実行委員会の"
        "事務局を務めています。",
        "offers": "祭りの企画・運営、協賛店の取りまとめ、会場周辺の商店の協力",
        "needs": "祭りの運営ボランティア、七夕飾りを制作する学校・団体",
        "approved_at": "2023-04-17 14:00",
    },
    {
        "key": "oi_shoten",
        "name": "大井ふれあい商店会(デモ)",
        "name_kana": "オオイフレアイショウテンカイ",
        "kind": K.BUSINESS,
        "fields": ["economy", "community-development"],
        "area": "oi",
        "founded_year": 1975,
        "description": "大井地区の商店で構成する商店会です。おおい祭りを町会と一緒に運営しています。",
        "offers": "祭りの出店・協賛の取りまとめ、商店街の空き店舗の情報",
        "needs": "祭りの運営ボランティア、商店街のイベントを発信する協力者",
        "approved_at": "2023-04-17 14:30",
    },
    {
        "key": "eco",
        "name": "ふじみ野エコネット(デモ)",
        "name_kana": "フジミノエコネット",
        "kind": K.CIVIC,
        "fields": ["environment", "children"],
        "area": "citywide",
        "founded_year": 2012,
        "description": "ごみの減量、緑のカーテン、河川の清掃など、身近な環境活動に取り組む"
        "市民活動団体です。環境フェア実行委員会の中心メンバーです。",
        "offers": "環境学習の出前講座、イベントでのごみ分別ステーションの運営",
        "needs": "清掃活動の参加者、講座を開ける会場",
        "approved_at": "2023-05-01 10:00",
    },
    {
        "key": "univ",
        "name": "ふじみ野みらい大学(デモ)",
        "name_kana": "フジミノミライダイガク",
        "kind": K.ACADEMIC,
        "fields": ["social-education", "community-development", "science-technology"],
        "area": "citywide",
        "founded_year": 1998,
        "description": "市内にキャンパスを置く大学です。市と包括連携協定を結び、学生と教員が"
        "地域の課題に取り組んでいます。",
        "offers": "教員による講演・調査、学生ボランティア、教室の貸し出し",
        "needs": "学生がフィールドワークできる地域の活動、地域課題のテーマ",
        "approved_at": "2023-04-05 09:00",
    },
    {
        "key": "logi",
        "name": "株式会社ふじみ野ロジスティクス(デモ)",
        "name_kana": "フジミノロジスティクス",
        "kind": K.BUSINESS,
        "fields": ["disaster-relief", "economy"],
        "area": "oi",
        "founded_year": 1989,
        "description": "市内に物流センターを持つ運送会社です。市と災害時の物資の輸送と保管に関する"
        "協定を結んでいます。",
        "offers": "災害時の物資の輸送・保管、トラックと倉庫の提供、防災訓練への参加",
        "needs": "地域の防災訓練の情報、社員が参加できるボランティア活動",
        "approved_at": "2024-08-26 10:00",
    },
    {
        "key": "chorus",
        "name": "ふじみ野市民合唱団(デモ)",
        "name_kana": "フジミノシミンガッショウダン",
        "kind": K.CIVIC,
        "fields": ["culture-arts-sports"],
        "area": "citywide",
        "founded_year": 2006,
        "description": "市の誕生と同じころに生まれた市民の合唱団です。年に一度の定期演奏会と、"
        "高齢者施設への訪問演奏を続けています。",
        "offers": "地域行事での合唱、合唱の体験会",
        "needs": "男声の団員、練習会場",
        "approved_at": "2023-06-12 13:00",
    },
    {
        "key": "rekishi",
        "name": "ふじみ野歴史を学ぶ会(デモ)",
        "name_kana": "フジミノレキシヲマナブカイ",
        "kind": K.CIVIC,
        "fields": ["social-education", "culture-arts-sports", "tourism"],
        "area": "oi",
        "founded_year": 2003,
        "description": "川越街道の大井宿など、ふじみ野の歴史を調べて伝える市民の会です。",
        "offers": "歴史講座の講師、まち歩きの案内",
        "needs": "古い写真や資料の提供、講演会の会場",
        "approved_at": "2023-06-12 13:30",
    },
    {
        "key": "bosai",
        "name": "大井防災ボランティアの会(デモ)",
        "name_kana": "オオイボウサイボランティアノカイ",
        "kind": K.CIVIC,
        "fields": ["disaster-relief", "community-safety"],
        "area": "oi",
        "founded_year": 2012,
        "description": "避難所の運営訓練や応急手当の講習を行う防災ボランティアの会です。",
        "offers": "避難所運営の訓練、応急手当の講習、イベントの救護",
        "needs": "訓練に参加する住民、備蓄品の保管場所",
        "approved_at": "2023-07-03 10:00",
    },
    # The private cases: these must never appear on public pages.
    {
        "key": "pending_partner",
        "name": "審査待ち市民の会(デモ)",
        "name_kana": "シンサマチシミンノカイ",
        "kind": K.CIVIC,
        "fields": ["social-education"],
        "area": "kamifukuoka",
        "founded_year": 2026,
        "description": "登録を申請したばかりで、協働推進課の承認を待っている団体です。",
        "offers": "講座の受付の手伝い",
        "needs": "活動の仲間",
        "status": Organization.Status.PENDING,
    },
    {
        "key": "pending_lead",
        "name": "審査待ち地域活動クラブ(デモ)",
        "name_kana": "シンサマチチイキカツドウクラブ",
        "kind": K.CIVIC,
        "fields": ["community-safety", "health-welfare"],
        "area": "oi",
        "founded_year": 2026,
        "description": "登録の承認を待っている団体です。この団体が主たる団体の事業は公開されません。",
        "offers": "高齢者の見守り",
        "needs": "見守りの協力者",
        "status": Organization.Status.PENDING,
    },
    {
        "key": "suspended",
        "name": "活動停止中の会(デモ)",
        "name_kana": "カツドウテイシチュウノカイ",
        "kind": K.CIVIC,
        "fields": ["environment"],
        "area": "kamifukuoka",
        "founded_year": 2010,
        "description": "協働推進課が掲載を停止している団体です。",
        "offers": "花壇の手入れ",
        "needs": "",
        "status": Organization.Status.SUSPENDED,
        "approved_at": "2023-09-01 10:00",
    },
    {
        "key": "rejected",
        "name": "登録不承認の会(デモ)",
        "name_kana": "トウロクフショウニンノカイ",
        "kind": K.OTHER,
        "fields": [],
        "area": "citywide",
        "founded_year": 2025,
        "description": "登録の申請が承認されなかった団体です。",
        "offers": "",
        "needs": "",
        "status": Organization.Status.REJECTED,
    },
]

# --------------------------------------------------------------------------------------
# Places (for events): name, address, latitude, longitude
# --------------------------------------------------------------------------------------

PLACES = {
    "city_hall": (
        "ふじみ野市役所 本庁舎",
        "埼玉県ふじみ野市福岡一丁目1番1号",
        "35.879700",
        "139.519700",
    ),
    "kami_west": (
        "上福岡駅西口 駅前通り",
        "埼玉県ふじみ野市上福岡一丁目",
        "35.872600",
        "139.514900",
    ),
    "oi_park": ("大井中央公園", "埼玉県ふじみ野市大井中央二丁目", "35.862400", "139.526800"),
    "sports_center": ("市立スポーツセンター", "埼玉県ふじみ野市大井", "35.858000", "139.530000"),
    "civic_hall": ("市民交流センター ホール", "埼玉県ふじみ野市福岡", "35.876500", "139.517200"),
    "learning": ("生涯学習センター 講座室", "埼玉県ふじみ野市上福岡", "35.870500", "139.521000"),
    "campus": (
        "ふじみ野みらい大学 ふじみ野キャンパス(デモ)",
        "埼玉県ふじみ野市亀久保",
        "35.884500",
        "139.531000",
    ),
    "riverside": ("新河岸川 河川敷", "埼玉県ふじみ野市福岡", "35.882000", "139.508000"),
    "logistics": (
        "ふじみ野ロジスティクス 物流センター(デモ)",
        "埼玉県ふじみ野市駒林",
        "35.866000",
        "139.507000",
    ),
    "school_gym": ("市立小学校 体育館", "埼玉県ふじみ野市上野台", "35.874000", "139.527000"),
    "kami1_hall": (
        "上福岡第一町会 集会所(デモ)",
        "埼玉県ふじみ野市上福岡二丁目",
        "35.871000",
        "139.516500",
    ),
    "oi_chuo_hall": (
        "大井中央町会 集会所(デモ)",
        "埼玉県ふじみ野市大井中央一丁目",
        "35.863500",
        "139.524000",
    ),
}


def ev(title, starts_on, place, start=None, end=None, ends_on=None, description=""):
    return {
        "title": title,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "start": start,
        "end": end,
        "place": place,
        "description": description,
    }


# --------------------------------------------------------------------------------------
# Evaluations
# --------------------------------------------------------------------------------------

PRINCIPLE_ORDER = (
    "equality",
    "autonomy",
    "self-reliance",
    "mutual-understanding",
    "shared-purpose",
    "openness",
    "mutual-evaluation",
)

# (comment when the score is 3 or 4, comment when it is 1 or 2)
PRINCIPLE_COMMENTS = {
    "equality": (
        "企画の段階から対等な立場で話し合って進めることができた。",
        "役割や負担の決め方に偏りがあり、対等とはいえない場面があった。",
    ),
    "autonomy": (
        "団体の企画や運営の工夫が尊重された。",
        "市の意向が強く、団体の自主的な工夫を生かしきれなかった。",
    ),
    "self-reliance": (
        "市の支援に頼らずに続けられる見通しが立ってきた。",
        "担い手や財源の確保が難しく、自立に向けた道筋はまだ見えない。",
    ),
    "mutual-understanding": (
        "互いの得意なことと立場の違いを理解して進められた。",
        "連絡や相談の窓口があいまいで、行き違いが生じた。",
    ),
    "shared-purpose": (
        "事業の目的と目標を共有できた。",
        "目標の達成を何で確かめるかについて、認識にずれがあった。",
    ),
    "openness": (
        "役割分担と経費を公開し、広報も十分に行えた。",
        "成果の発信が十分でなく、市民に取組が伝わりきらなかった。",
    ),
    "mutual-evaluation": (
        "振り返りの場を設け、改善点を率直に話し合えた。",
        "振り返りの時間が十分に取れなかった。",
    ),
}


def evaluation(party, scores, submitted, outcomes, issues, recommendation, comments=None):
    return {
        "party": party,  # "city" or an organisation key
        "scores": scores,  # seven scores in PRINCIPLE_ORDER
        "comments": comments or {},
        "outcomes": outcomes,
        "issues": issues,
        "recommendation": recommendation,
        "submitted": submitted,
    }


# --------------------------------------------------------------------------------------
# Projects
# --------------------------------------------------------------------------------------

SAFETY_INSURANCE_EVENT = (
    "主催者として行事保険(傷害・賠償責任)に加入します。市は市民活動総合補償制度の対象とします。"
)
SAFETY_PLAN_EVENT = (
    "当日は救護担当を置き、緊急時の連絡網(団体の責任者→担当課→消防)を事前に共有します。"
    "荒天時の中止判断は前日17時に双方で協議して決めます。"
)

PROJECTS = [
    # ---- 補助: 自治組織運営活動への支援 -----------------------------------------------
    {
        "title": "自治組織運営活動への支援",
        "lead": "kami1",
        "form": Form.SUBSIDY,
        "fiscal_year": 2025,
        "starts_on": "2025-04-01",
        "ends_on": "2026-03-31",
        "place": "上福岡第一町会の区域",
        "area": "kamifukuoka",
        "fields": ["community-development", "community-safety", "disaster-relief"],
        "department": "kyodo-suishin",
        "summary": "町会が自主的に行う防犯・防災活動、会報の発行、地域行事の運営に対し、"
        "その経費の一部を市が補助します。",
        "purpose": "地域の最も身近な自治組織である町会の運営を支え、住民同士のつながりと"
        "地域の安全・安心を守ることを目的とします。",
        "expected_effect": "防犯パトロールや防災訓練への参加者が増え、町会への加入の促進にも"
        "つながることが期待されます。",
        "safety_insurance": "町会として行事保険に加入し、活動中の事故は市民活動総合補償制度の"
        "対象とします。",
        "safety_plan": "防犯パトロールは2人以上で行い、夜間は反射材と懐中電灯を携行します。",
        "budget": 480000,
        "detail": {
            "requested_amount": 150000,
            "granted_amount": 150000,
            "budget_plan": "収入: 市補助金 150,000円、町会費 330,000円\n"
            "支出: 防犯灯の維持 120,000円、防災訓練 90,000円、町会だより印刷 60,000円、"
            "夏祭り 160,000円、事務費 50,000円",
            "advance_payment": True,
            "settlement": "収入: 市補助金 150,000円、町会費 318,400円\n"
            "支出: 防犯灯の維持 118,200円、防災訓練 86,500円、町会だより印刷 58,700円、"
            "夏祭り 155,000円、事務費 50,000円",
        },
        "partners": [
            {"name": "地区の小学校PTA", "role": "夏祭りの子ども向け行事と見守りの協力"},
        ],
        "events": [
            ev("上福岡第一町会 夏祭り", "2025-08-02", "kami1_hall", "16:00", "20:00"),
            ev(
                "上福岡第一町会 防災訓練",
                "2025-09-07",
                "school_gym",
                "09:00",
                "12:00",
                description="避難所の開設、消火器の使い方、安否確認の訓練を行います。",
            ),
        ],
        "history": [
            ("submit", "2025-03-03 10:00"),
            ("approve", "2025-03-24 15:00"),
            ("complete", "2026-04-20 11:00"),
            ("evaluate", "2026-05-29 16:00"),
        ],
        "report": {
            "activities": "防犯パトロール(月2回)、防災訓練(9月)、夏祭り(8月)、"
            "町会だよりの発行(年6回)を行いました。",
            "participants": 640,
            "outcomes": "防災訓練の参加者は前年度の1.3倍になりました。新たに12世帯が町会に"
            "加入しました。",
            "submitted": "2026-04-10 10:00",
            "accepted": "2026-04-20 11:00",
        },
        "evaluations": [
            evaluation(
                "city",
                (4, 4, 2, 3, 3, 3, 3),
                "2026-05-15 10:00",
                "防災訓練の参加者が増え、町会の活動が地域に浸透した。",
                "役員の高齢化が進み、補助がなくなった場合の運営に不安がある。",
                "continue",
                {
                    "self-reliance": "補助金への依存度が高く、役員の担い手確保も課題で、"
                    "自立化はこれから。"
                },
            ),
            evaluation(
                "kami1",
                (4, 4, 4, 3, 4, 3, 3),
                "2026-05-22 14:00",
                "新しい加入世帯が増え、若い世代が訓練の運営に加わった。",
                "町会だよりの配布の負担が大きい。デジタル化を進めたい。",
                "continue",
                {
                    "self-reliance": "町会費と夏祭りの収入で、補助がなくても最低限の活動は"
                    "続けられると考えている。"
                },
            ),
        ],
    },
    {
        "title": "自治組織運営活動への支援",
        "lead": "oi_chuo",
        "form": Form.SUBSIDY,
        "fiscal_year": 2026,
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "place": "大井中央町会の区域",
        "area": "oi",
        "fields": ["community-development", "community-safety", "disaster-relief"],
        "department": "kyodo-suishin",
        "summary": "町会が自主的に行う歳末夜警、防災訓練、会報の発行に対し、その経費の一部を"
        "市が補助します。",
        "purpose": "町会の運営を支え、地域の防犯・防災の力を高めることを目的とします。",
        "expected_effect": "歳末夜警と防災訓練を通じて、顔の見える関係が広がることが期待されます。",
        "safety_insurance": "町会として行事保険に加入しています。",
        "safety_plan": "夜警は3人1組で行い、緊急時は110番・119番の後に町会長へ連絡します。",
        "budget": 520000,
        "detail": {
            "requested_amount": 150000,
            "granted_amount": 150000,
            "budget_plan": "収入: 市補助金 150,000円、町会費 370,000円\n"
            "支出: 防犯灯の維持 140,000円、防災訓練 100,000円、歳末夜警 40,000円、"
            "町会だより印刷 70,000円、おおい祭り 120,000円、事務費 50,000円",
            "advance_payment": True,
        },
        "partners": [
            {"organization": "bosai", "role": "防災訓練での応急手当の講習"},
        ],
        "events": [
            ev(
                "大井中央町会 歳末夜警",
                "2026-12-26",
                "oi_chuo_hall",
                "19:00",
                "21:00",
                ends_on="2026-12-28",
                description="拍子木を打ちながら町内を巡回します。どなたでも参加できます。",
            ),
            ev(
                "大井中央町会 防災訓練",
                "2027-03-07",
                "oi_park",
                "09:00",
                "12:00",
                description="大井防災ボランティアの会(デモ)による応急手当の講習もあります。",
            ),
        ],
        "history": [
            ("submit", "2026-03-02 10:00"),
            ("approve", "2026-03-25 15:00"),
        ],
    },
    # ---- 委託: 市民大学ふじみ野 -------------------------------------------------------
    {
        "title": "市民大学ふじみ野",
        "lead": "manabi",
        "form": Form.COMMISSION,
        "fiscal_year": 2024,
        "starts_on": "2024-05-01",
        "ends_on": "2025-02-28",
        "place": "生涯学習センターほか",
        "area": "citywide",
        "fields": ["social-education", "culture-arts-sports"],
        "department": "lifelong-learning",
        "summary": "市民が講師となり、ふじみ野の歴史・自然・福祉などを1年かけて学ぶ"
        "「市民大学ふじみ野」の企画と運営を委託します。",
        "purpose": "学んだ市民が地域の担い手として活動を始めるきっかけをつくります。",
        "expected_effect": "修了生が地域の団体に加わり、市民活動の担い手が増えることが期待されます。",
        "safety_insurance": "受託者が賠償責任保険に加入します。",
        "safety_plan": "野外学習では引率者2名以上を置き、熱中症対策の休憩を取ります。",
        "budget": 1800000,
        "detail": {
            "contract_amount": 1800000,
            "contract_starts_on": "2024-04-15",
            "contract_ends_on": "2025-03-31",
            "deliverables": "講座の実施(全20回)、受講者アンケートの集計、実施報告書",
        },
        "partners": [
            {"organization": "rekishi", "role": "「ふじみ野の歴史」講座(全3回)の講師"},
            {"organization": "univ", "role": "教員による特別講義と教室の提供"},
        ],
        "events": [
            ev("市民大学ふじみ野 開講式", "2024-05-18", "learning", "10:00", "12:00"),
            ev("市民大学ふじみ野 修了式", "2025-02-22", "learning", "10:00", "12:00"),
        ],
        "history": [
            ("submit", "2024-03-11 10:00"),
            ("approve", "2024-04-08 15:00"),
            ("complete", "2025-04-25 11:00"),
            ("evaluate", "2025-06-13 16:00"),
        ],
        "report": {
            "activities": "全20回の講座を実施しました(うち野外学習3回)。",
            "participants": 48,
            "outcomes": "受講者48人のうち42人が修了し、11人が市内の団体の活動に参加しました。",
            "submitted": "2025-04-11 10:00",
            "accepted": "2025-04-25 11:00",
        },
        "evaluations": [
            evaluation(
                "city",
                (3, 4, 3, 3, 4, 4, 3),
                "2025-05-23 10:00",
                "修了生が地域の団体で活動を始めた。",
                "受講者が60代以上に偏っている。",
                "expand",
                {"autonomy": "講座の内容は団体の提案をほぼそのまま採用した。"},
            ),
            evaluation(
                "manabi",
                (3, 2, 3, 3, 4, 3, 3),
                "2025-05-30 15:00",
                "修了生の半数が次年度のボランティアに登録した。",
                "カリキュラムの決定に市の意向が強く反映され、団体の企画が生かしきれなかった。",
                "continue",
                {"autonomy": "講座のテーマを市の重点施策に合わせるよう求められる場面が多かった。"},
            ),
            evaluation(
                "rekishi",
                (4, 4, 3, 4, 4, 3, 3),
                "2025-06-02 11:00",
                "歴史講座の受講者から、まち歩きの会への参加者が出た。",
                "資料の印刷費の分担があいまいだった。",
                "continue",
            ),
            evaluation(
                "univ",
                (3, 3, 3, 4, 3, 3, 4),
                "2025-06-06 13:00",
                "学生が受講者との交流から地域の課題を学んだ。",
                "大学の行事と日程が重なり、教室の提供が難しい回があった。",
                "continue",
            ),
        ],
    },
    {
        "title": "市民大学ふじみ野",
        "lead": "manabi",
        "form": Form.COMMISSION,
        "fiscal_year": 2026,
        "starts_on": "2026-05-01",
        "ends_on": "2027-02-28",
        "place": "生涯学習センターほか",
        "area": "citywide",
        "fields": ["social-education", "culture-arts-sports"],
        "department": "lifelong-learning",
        "summary": "市民が講師となり、ふじみ野の歴史・自然・福祉などを学ぶ「市民大学ふじみ野」の"
        "企画と運営を委託します。今年度は若い世代向けの夜間講座を新設しました。",
        "purpose": "学んだ市民が地域の担い手として活動を始めるきっかけをつくります。",
        "expected_effect": "夜間講座により、働く世代の受講者が増えることが期待されます。",
        "safety_insurance": "受託者が賠償責任保険に加入します。",
        "safety_plan": "夜間講座の終了後は最寄り駅まで職員が案内します。",
        "budget": 1850000,
        "detail": {
            "contract_amount": 1850000,
            "contract_starts_on": "2026-04-15",
            "contract_ends_on": "2027-03-31",
            "deliverables": "講座の実施(全22回、うち夜間4回)、受講者アンケートの集計、実施報告書",
        },
        "partners": [
            {"organization": "rekishi", "role": "「ふじみ野の歴史」講座(全3回)の講師"},
            {"organization": "pending_partner", "role": "講座当日の受付の補助"},
            {"name": "市内の公民館利用団体", "role": "講座の会場の調整と受講者の紹介"},
        ],
        "events": [
            ev("市民大学ふじみ野 開講式", "2026-05-16", "learning", "10:00", "12:00"),
            ev(
                "市民大学ふじみ野 第15回講座「大井宿と川越街道」",
                "2026-12-12",
                "learning",
                "10:00",
                "12:00",
            ),
            ev(
                "市民大学ふじみ野 第17回講座「地域の防災を考える」",
                "2027-01-16",
                "learning",
                "10:00",
                "12:00",
            ),
            ev("市民大学ふじみ野 修了式", "2027-02-20", "learning", "10:00", "12:00"),
        ],
        "history": [
            ("submit", "2026-03-16 10:00"),
            ("approve", "2026-04-10 15:00"),
        ],
    },
    # ---- 委託: スポーツフェスティバル ---------------------------------------------------
    {
        "title": "スポーツフェスティバル",
        "lead": "sports",
        "form": Form.COMMISSION,
        "fiscal_year": 2025,
        "starts_on": "2025-07-01",
        "ends_on": "2025-11-30",
        "place": "市立スポーツセンター",
        "area": "citywide",
        "fields": ["culture-arts-sports", "health-welfare", "children"],
        "department": "sports",
        "summary": "スポーツの日に合わせて、だれもが参加できるニュースポーツの体験会と"
        "体力測定を行うスポーツフェスティバルの運営を委託します。",
        "purpose": "子どもから高齢者まで、スポーツに親しむきっかけをつくります。",
        "expected_effect": "地域のスポーツクラブへの参加者が増えることが期待されます。",
        "safety_insurance": SAFETY_INSURANCE_EVENT,
        "safety_plan": SAFETY_PLAN_EVENT,
        "budget": 900000,
        "detail": {
            "contract_amount": 900000,
            "contract_starts_on": "2025-07-01",
            "contract_ends_on": "2025-11-30",
            "deliverables": "当日の運営、参加者アンケートの集計、実施報告書",
        },
        "partners": [
            {"name": "ふじみ野市スポーツ推進委員", "role": "ニュースポーツの指導"},
        ],
        "events": [
            ev(
                "スポーツフェスティバル",
                "2025-10-12",
                "sports_center",
                "09:30",
                "15:00",
                description="ボッチャ、モルック、体力測定など。参加無料、申し込み不要です。",
            ),
        ],
        "history": [
            ("submit", "2025-06-02 10:00"),
            ("approve", "2025-06-20 15:00"),
            ("complete", "2025-12-05 11:00"),
        ],
        "report": {
            "activities": "ニュースポーツ6種目の体験会と体力測定を行いました。",
            "participants": 1250,
            "outcomes": "参加者アンケートで92%が「また参加したい」と答えました。",
            "submitted": "2025-11-28 10:00",
            "accepted": "2025-12-05 11:00",
        },
    },
    # ---- 実行委員会: 上福岡七夕まつり ---------------------------------------------------
    {
        "title": "上福岡七夕まつり",
        "lead": "ekimae",
        "form": Form.COMMITTEE,
        "fiscal_year": 2024,
        "starts_on": "2024-05-01",
        "ends_on": "2024-09-30",
        "place": "上福岡駅西口周辺",
        "area": "kamifukuoka",
        "fields": ["economy", "community-development", "tourism"],
        "department": "industry",
        "summary": "商店会、町会、学校、市民団体でつくる実行委員会が、上福岡駅西口周辺で"
        "七夕まつりを開きます。",
        "purpose": "地域の商店街のにぎわいをつくり、世代を超えた交流の場とします。",
        "expected_effect": "来場者が商店街を知り、地域への愛着が深まることが期待されます。",
        "safety_insurance": SAFETY_INSURANCE_EVENT,
        "safety_plan": "警察・消防と警備計画を協議し、会場に本部と救護所を置きます。"
        "熱中症対策として給水所を設けます。",
        "budget": 6500000,
        "detail": {
            "committee_name": "上福岡七夕まつり実行委員会",
            "chair": "上福岡駅前商店会(デモ) 会長",
        },
        "partners": [
            {
                "organization": "kami1",
                "role": "会場周辺の交通整理と七夕飾りの制作",
                "cost_share": "人員の提供",
            },
            {
                "organization": "eco",
                "role": "ごみ分別ステーションの運営",
                "cost_share": "分別用品は市が負担",
            },
            {"name": "市内小中学校PTA", "role": "児童生徒の七夕飾りの制作と展示"},
        ],
        "events": [
            ev(
                "上福岡七夕まつり",
                "2024-08-03",
                "kami_west",
                "15:00",
                "21:00",
                ends_on="2024-08-04",
                description="七夕飾り、ステージ、模擬店。会場周辺は交通規制があります。",
            ),
        ],
        "history": [
            ("submit", "2024-04-15 10:00"),
            ("approve", "2024-05-10 15:00"),
            ("complete", "2024-10-18 11:00"),
            ("evaluate", "2024-12-06 16:00"),
        ],
        "report": {
            "activities": "2日間にわたり七夕飾りの展示、ステージ、模擬店を行いました。",
            "participants": 52000,
            "outcomes": "来場者は2日間で約5万2千人。小中学校14校の飾りを展示しました。",
            "submitted": "2024-10-04 10:00",
            "accepted": "2024-10-18 11:00",
        },
        "evaluations": [
            evaluation(
                "city",
                (4, 4, 3, 3, 4, 4, 3),
                "2024-11-15 10:00",
                "多くの来場者があり、商店街のにぎわいにつながった。",
                "警備の人員の確保が年々難しくなっている。",
                "continue",
            ),
            evaluation(
                "ekimae",
                (3, 4, 3, 3, 4, 4, 3),
                "2024-11-20 14:00",
                "協賛店が増え、売上も前年を上回った。",
                "実行委員の世代交代が課題。",
                "continue",
            ),
            evaluation(
                "kami1",
                (2, 3, 3, 2, 3, 3, 2),
                "2024-11-25 10:00",
                "町会の子どもたちが飾りづくりを通じて祭りに参加できた。",
                "交通整理の人員が町会に偏り、負担が大きかった。",
                "review",
                {
                    "equality": "交通整理の人員の多くを町会が出しており、負担の分担が対等とは"
                    "いえない。"
                },
            ),
            evaluation(
                "eco",
                (4, 4, 3, 4, 4, 3, 3),
                "2024-11-29 11:00",
                "ごみの分別率が前年の6割から8割に上がった。",
                "分別ステーションのボランティアが不足した。",
                "continue",
            ),
        ],
    },
    {
        "title": "上福岡七夕まつり",
        "lead": "ekimae",
        "form": Form.COMMITTEE,
        "fiscal_year": 2026,
        "starts_on": "2026-05-01",
        "ends_on": "2026-09-30",
        "place": "上福岡駅西口周辺",
        "area": "kamifukuoka",
        "fields": ["economy", "community-development", "tourism"],
        "department": "industry",
        "summary": "商店会、町会、学校、市民団体でつくる実行委員会が、上福岡駅西口周辺で"
        "七夕まつりを開きます。今年度は交通整理を商店会と町会で分担します。",
        "purpose": "地域の商店街のにぎわいをつくり、世代を超えた交流の場とします。",
        "expected_effect": "来場者が商店街を知り、地域への愛着が深まることが期待されます。",
        "safety_insurance": SAFETY_INSURANCE_EVENT,
        "safety_plan": "警察・消防と警備計画を協議し、会場に本部と救護所を置きます。"
        "熱中症対策として給水所を2か所に増やします。",
        "budget": 6800000,
        "detail": {
            "committee_name": "上福岡七夕まつり実行委員会",
            "chair": "上福岡駅前商店会(デモ) 会長",
        },
        "partners": [
            {
                "organization": "kami1",
                "role": "七夕飾りの制作と交通整理(商店会と半分ずつ)",
                "cost_share": "人員の提供",
            },
            {"name": "市内小中学校PTA", "role": "児童生徒の七夕飾りの制作と展示"},
            {"organization": "suspended", "role": "会場の花の飾りつけ"},
        ],
        "events": [
            ev(
                "上福岡七夕まつり",
                "2026-08-01",
                "kami_west",
                "15:00",
                "21:00",
                ends_on="2026-08-02",
                description="七夕飾り、ステージ、模擬店。会場周辺は交通規制があります。",
            ),
        ],
        "history": [
            ("submit", "2026-04-13 10:00"),
            ("approve", "2026-05-08 15:00"),
        ],
        # The report is in, staff have not accepted it yet.
        "report": {
            "activities": "2日間にわたり七夕飾りの展示、ステージ、模擬店を行いました。",
            "participants": 55000,
            "outcomes": "来場者は2日間で約5万5千人でした。",
            "status": Report.Status.SUBMITTED,
            "submitted": "2026-09-15 10:00",
        },
    },
    # ---- 実行委員会: おおい祭り -------------------------------------------------------
    {
        "title": "おおい祭り",
        "lead": "oi_shoten",
        "form": Form.COMMITTEE,
        "fiscal_year": 2025,
        "starts_on": "2025-05-01",
        "ends_on": "2025-10-31",
        "place": "大井中央公園周辺",
        "area": "oi",
        "fields": ["community-development", "economy", "culture-arts-sports"],
        "department": "industry",
        "summary": "町会、商店会、PTA、防災ボランティアでつくる実行委員会が、みこし、"
        "踊り、模擬店のおおい祭りを開きます。",
        "purpose": "大井地区の伝統を受け継ぎ、地域の一体感を育てます。",
        "expected_effect": "町会のみこしや踊りに若い世代が参加し、担い手が育つことが期待されます。",
        "safety_insurance": SAFETY_INSURANCE_EVENT,
        "safety_plan": "みこしの渡御の経路を警察と協議し、誘導員を配置します。救護所は"
        "大井防災ボランティアの会(デモ)が担当します。",
        "budget": 4200000,
        "detail": {
            "committee_name": "おおい祭り実行委員会",
            "chair": "大井中央町会(デモ) 会長",
        },
        "partners": [
            {
                "organization": "oi_chuo",
                "role": "実行委員長、町会みこしの運営",
                "is_chair": True,
                "cost_share": "みこしの維持費",
            },
            {"organization": "bosai", "role": "救護所と防災啓発ブースの運営"},
            {"name": "市内小中学校PTA", "role": "子どもみこしの引率"},
        ],
        "events": [
            ev(
                "おおい祭り",
                "2025-08-23",
                "oi_park",
                "14:00",
                "21:00",
                description="町会みこし、子どもみこし、踊り、模擬店。",
            ),
        ],
        "history": [
            ("submit", "2025-04-14 10:00"),
            ("approve", "2025-05-09 15:00"),
            ("complete", "2025-10-17 11:00"),
            ("evaluate", "2025-12-12 16:00"),
        ],
        "report": {
            "activities": "町会みこし8基、子どもみこし5基の渡御、踊り、模擬店を行いました。",
            "participants": 18000,
            "outcomes": "子どもみこしの参加者が前年より40人増えました。",
            "submitted": "2025-10-03 10:00",
            "accepted": "2025-10-17 11:00",
        },
        "evaluations": [
            evaluation(
                "city",
                (4, 4, 3, 3, 4, 4, 3),
                "2025-11-14 10:00",
                "子どもみこしの参加者が増え、次の担い手が育っている。",
                "熱中症対策の費用が増えている。",
                "continue",
                {"openness": "市の広報とウェブで、役割分担と経費を含めて周知した。"},
            ),
            evaluation(
                "oi_shoten",
                (3, 4, 3, 3, 4, 2, 3),
                "2025-11-21 14:00",
                "模擬店の出店が増え、商店会の新しい会員も加わった。",
                "市の広報の掲載が祭りの直前で、事前の周知が足りなかった。",
                "continue",
                {"openness": "祭りの内容が市民に伝わるのが遅く、発信の時期を早めたい。"},
            ),
            evaluation(
                "oi_chuo",
                (4, 4, 3, 4, 4, 3, 3),
                "2025-11-28 10:00",
                "みこしの担ぎ手に高校生が加わった。",
                "みこしの保管場所の確保が難しい。",
                "continue",
            ),
            evaluation(
                "bosai",
                (3, 3, 2, 3, 3, 3, 3),
                "2025-12-01 11:00",
                "救護所で熱中症の初期対応を5件行い、大事に至らなかった。",
                "会の人数が少なく、毎年の参加が負担になりつつある。",
                "review",
            ),
        ],
    },
    # ---- 実行委員会: 環境フェア -------------------------------------------------------
    {
        "title": "環境フェア",
        "lead": "eco",
        "form": Form.COMMITTEE,
        "fiscal_year": 2025,
        "starts_on": "2025-04-01",
        "ends_on": "2025-07-31",
        "place": "ふじみ野市役所 本庁舎 前広場",
        "area": "citywide",
        "fields": ["environment", "children"],
        "department": "environment",
        "summary": "市民団体、大学、事業者でつくる実行委員会が、環境月間に合わせて"
        "ごみの減量や省エネを楽しく学ぶ環境フェアを開きます。",
        "purpose": "市民一人ひとりが身近な環境問題を考え、行動するきっかけをつくります。",
        "expected_effect": "家庭ごみの減量と資源の分別の向上が期待されます。",
        "safety_insurance": SAFETY_INSURANCE_EVENT,
        "safety_plan": SAFETY_PLAN_EVENT,
        "budget": 800000,
        "detail": {
            "committee_name": "ふじみ野市環境フェア実行委員会",
            "chair": "ふじみ野エコネット(デモ) 代表",
        },
        "partners": [
            {"organization": "univ", "role": "学生による研究発表ブース"},
            {"organization": "logi", "role": "電気トラックの展示と物流の省エネの紹介"},
            {"name": "市内小中学校の環境委員会", "role": "ポスターの展示"},
        ],
        "events": [
            ev(
                "環境フェア",
                "2025-06-07",
                "city_hall",
                "10:00",
                "15:00",
                description="リサイクル工作、フードドライブ、電気トラックの展示など。",
            ),
        ],
        "history": [
            ("submit", "2025-03-17 10:00"),
            ("approve", "2025-04-11 15:00"),
            ("complete", "2025-07-18 11:00"),
        ],
        "report": {
            "activities": "展示・体験ブース18、ステージ発表6組を行いました。",
            "participants": 3200,
            "outcomes": "フードドライブで食品420点が集まり、市内の子ども食堂に届けました。",
            "submitted": "2025-07-04 10:00",
            "accepted": "2025-07-18 11:00",
        },
        # Only the city has evaluated so far: the comparison is not complete.
        "evaluations": [
            evaluation(
                "city",
                (4, 4, 3, 4, 4, 3, 3),
                "2025-08-29 10:00",
                "大学と事業者の参加で、展示の幅が広がった。",
                "来場者が午前に集中した。",
                "continue",
            ),
        ],
    },
    # ---- 事業協力: 大学等との包括連携協定に基づく事業 --------------------------------------
    {
        "title": "大学等との包括連携協定に基づく事業",
        "lead": "univ",
        "form": Form.COOPERATION,
        "fiscal_year": 2026,
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "place": "ふじみ野みらい大学 ふじみ野キャンパス(デモ)ほか",
        "area": "citywide",
        "fields": ["social-education", "community-development", "science-technology"],
        "department": "kyodo-suishin",
        "summary": "包括連携協定に基づき、学生と市民が地域の課題を一緒に考えるワークショップと、"
        "町会の活動へのフィールドワークを行います。",
        "purpose": "大学の知見と学生の力を地域づくりに生かし、学生には学びの場を提供します。",
        "expected_effect": "町会や市民団体の活動に若い世代が加わることが期待されます。",
        "safety_insurance": "学生は大学の学生教育研究災害傷害保険に加入しています。",
        "safety_plan": "フィールドワークは教員が引率し、町会と事前に行程を確認します。",
        "budget": 300000,
        "detail": {
            "agreement_name": "ふじみ野市とふじみ野みらい大学(デモ)との包括連携協定",
            "concluded_on": "2023-04-01",
            "term": "締結日から3年間(以後1年ごとに自動更新)",
        },
        "partners": [
            {"organization": "kami1", "role": "フィールドワークの受け入れ"},
            {"name": "市内の高校の生徒会", "role": "ワークショップへの参加"},
        ],
        "events": [
            ev(
                "学生と考えるまちづくりワークショップ(第1回)",
                "2026-07-11",
                "campus",
                "13:00",
                "16:00",
            ),
            ev(
                "学生と考えるまちづくりワークショップ(第2回)",
                "2026-12-19",
                "campus",
                "13:00",
                "16:00",
                description="町会の担い手不足をテーマに、学生と町会役員が話し合います。",
            ),
            ev("まちづくり成果発表会", "2027-02-13", "civic_hall", "13:30", "16:30"),
        ],
        "history": [
            ("submit", "2026-04-01 10:00"),
            ("approve", "2026-04-20 15:00"),
        ],
    },
    # ---- 事業協力: 民間企業との災害協定 --------------------------------------------------
    {
        "title": "民間企業との災害協定",
        "lead": "logi",
        "form": Form.COOPERATION,
        "fiscal_year": 2026,
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "place": "市内全域",
        "area": "citywide",
        "fields": ["disaster-relief", "community-safety"],
        "department": "disaster-prevention",
        "summary": "災害時に市内の事業者が救援物資の輸送と保管を担う協定に基づき、"
        "平常時から合同で訓練を行います。",
        "purpose": "大規模災害のときに、避難所へ物資を速やかに届ける体制をつくります。",
        "expected_effect": "物資の受け入れから避難所への配送までの手順が確かめられます。",
        "safety_insurance": "訓練の参加者は市の行事保険の対象とします。事業者は自社の保険に加入しています。",
        "safety_plan": "訓練中の車両の誘導は事業者の社員が行い、一般の車両と分けます。",
        "budget": 150000,
        "detail": {
            "agreement_name": "災害時における物資の輸送及び保管に関する協定",
            "concluded_on": "2024-09-01",
            "term": "締結日から1年間(以後1年ごとに自動更新)",
        },
        "partners": [
            {"organization": "bosai", "role": "避難所での物資の仕分けと配布の訓練"},
        ],
        "events": [
            ev(
                "ふじみ野市総合防災訓練(物資輸送訓練)",
                "2026-09-06",
                "sports_center",
                "09:00",
                "12:00",
            ),
            ev(
                "防災とボランティアの日 物資輸送訓練",
                "2027-01-17",
                "logistics",
                "09:30",
                "12:00",
                description="物流センターから避難所への配送を実際のトラックで確かめます。見学できます。",
            ),
        ],
        "history": [
            ("submit", "2026-04-24 10:00"),
            ("approve", "2026-05-15 15:00"),
        ],
    },
    # ---- 共催: スポーツカレッジ -------------------------------------------------------
    {
        "title": "スポーツカレッジ",
        "lead": "sports",
        "form": Form.COHOSTING,
        "fiscal_year": 2023,
        "starts_on": "2023-06-01",
        "ends_on": "2024-02-29",
        "place": "市立スポーツセンター",
        "area": "citywide",
        "fields": ["culture-arts-sports", "health-welfare"],
        "department": "sports",
        "summary": "スポーツの指導者と運営ボランティアを育てる連続講座「スポーツカレッジ」を、"
        "市とNPO法人が共催します。",
        "purpose": "地域のスポーツを支える人を育てます。",
        "expected_effect": "修了生が地域のスポーツ教室や大会の運営に加わることが期待されます。",
        "safety_insurance": SAFETY_INSURANCE_EVENT,
        "safety_plan": "実技の前に準備運動と体調の確認を行います。AEDの位置を受講者に周知します。",
        "budget": 600000,
        "detail": {
            "cost_sharing": "講師謝礼と教材費は団体、会場(市立スポーツセンター)と広報は市が"
            "負担します。",
        },
        "partners": [],
        "events": [
            ev("スポーツカレッジ 開講式", "2023-06-17", "sports_center", "10:00", "12:00"),
            ev("スポーツカレッジ 修了式", "2024-02-17", "sports_center", "10:00", "12:00"),
        ],
        "history": [
            ("submit", "2023-04-10 10:00"),
            ("approve", "2023-05-01 15:00"),
            ("complete", "2024-03-22 11:00"),
            ("evaluate", "2024-05-17 16:00"),
        ],
        "report": {
            "activities": "全10回の講座(講義4回、実技6回)を行いました。",
            "participants": 36,
            "outcomes": "修了生30人のうち18人が地域のスポーツ教室の運営に加わりました。",
            "submitted": "2024-03-08 10:00",
            "accepted": "2024-03-22 11:00",
        },
        "evaluations": [
            evaluation(
                "city",
                (4, 3, 3, 3, 4, 4, 3),
                "2024-04-19 10:00",
                "修了生が地域で活躍し始めた。",
                "会場の予約が取りにくい。",
                "expand",
                {"shared-purpose": "指導者の育成という目的を共有できた。"},
            ),
            evaluation(
                "sports",
                (4, 4, 3, 3, 2, 3, 3),
                "2024-04-26 14:00",
                "受講者同士のつながりができた。",
                "修了後の活躍の場を市と団体のどちらが用意するかがあいまいだった。",
                "continue",
                {
                    "shared-purpose": "修了生をどこで活躍してもらうかという目標まで共有できて"
                    "いなかった。"
                },
            ),
        ],
    },
    {
        "title": "スポーツカレッジ",
        "lead": "sports",
        "form": Form.COHOSTING,
        "fiscal_year": 2026,
        "starts_on": "2026-06-01",
        "ends_on": "2027-03-31",
        "place": "市立スポーツセンター",
        "area": "citywide",
        "fields": ["culture-arts-sports", "health-welfare"],
        "department": "sports",
        "summary": "スポーツの指導者と運営ボランティアを育てる連続講座「スポーツカレッジ」を、"
        "市とNPO法人が共催します。今年度は障がい者スポーツの講座を加えました。",
        "purpose": "地域のスポーツを支える人を育てます。",
        "expected_effect": "修了生が地域のスポーツ教室や大会の運営に加わることが期待されます。",
        "safety_insurance": SAFETY_INSURANCE_EVENT,
        "safety_plan": "実技の前に準備運動と体調の確認を行います。AEDの位置を受講者に周知します。",
        "budget": 650000,
        "detail": {
            "cost_sharing": "講師謝礼と教材費は団体、会場(市立スポーツセンター)と広報は市が"
            "負担します。修了生の活躍の場は双方で用意します。",
        },
        "partners": [
            {
                "name": "ふじみ野市スポーツ推進委員",
                "role": "障がい者スポーツ講座の実技指導",
                "cost_share": "謝礼なし(市の委員活動として)",
            },
        ],
        "events": [
            ev(
                "スポーツカレッジ 第5回「ボッチャの指導法」",
                "2026-10-24",
                "sports_center",
                "10:00",
                "12:00",
            ),
            ev(
                "スポーツカレッジ 第7回「大会運営の基本」",
                "2027-01-23",
                "sports_center",
                "10:00",
                "12:00",
            ),
            ev("スポーツカレッジ 修了式", "2027-02-27", "sports_center", "10:00", "12:00"),
        ],
        "history": [
            ("submit", "2026-04-06 10:00"),
            ("approve", "2026-05-01 15:00"),
        ],
    },
    # ---- 後援 -----------------------------------------------------------------------
    {
        "title": "ふじみ野市民合唱団 第20回定期演奏会",
        "lead": "chorus",
        "form": Form.PATRONAGE,
        "fiscal_year": 2026,
        "starts_on": "2027-03-14",
        "ends_on": "2027-03-14",
        "place": "市民交流センター ホール",
        "area": "citywide",
        "fields": ["culture-arts-sports"],
        "department": "lifelong-learning",
        "summary": "市民合唱団の第20回定期演奏会です。日本の歌メドレーと、市内の小学生との"
        "合同ステージがあります。",
        "purpose": "合唱を通じて市民が音楽に親しむ機会をつくります。",
        "expected_effect": "合唱団への参加者が増え、地域の文化活動が広がることが期待されます。",
        "safety_insurance": "主催者として行事保険に加入します。",
        "safety_plan": "ホールの避難経路を開演前に案内します。",
        "budget": 450000,
        "detail": {
            "event_name": "ふじみ野市民合唱団 第20回定期演奏会",
            "event_date": "2027-03-14",
            "venue": "市民交流センター ホール",
            "audience": "どなたでも(未就学児は保護者同伴)",
            "expected_attendance": 400,
            "fee": "一般1,000円、高校生以下無料",
            "name_on_poster": True,
            "name_on_flyer": True,
            "name_on_web": True,
        },
        "partners": [
            {"name": "市内の小学校の合唱部", "role": "合同ステージへの出演"},
        ],
        "events": [
            ev(
                "ふじみ野市民合唱団 第20回定期演奏会",
                "2027-03-14",
                "civic_hall",
                "14:00",
                "16:00",
                description="開場13:30。一般1,000円、高校生以下無料。",
            ),
        ],
        "history": [
            ("submit", "2026-11-02 10:00"),
            ("approve", "2026-11-16 15:00"),
        ],
    },
    {
        "title": "歴史講演会「川越街道と大井宿」",
        "lead": "rekishi",
        "form": Form.PATRONAGE,
        "fiscal_year": 2025,
        "starts_on": "2025-11-15",
        "ends_on": "2025-11-15",
        "place": "生涯学習センター 講座室",
        "area": "oi",
        "fields": ["social-education", "culture-arts-sports"],
        "department": "lifelong-learning",
        "summary": "川越街道の宿場町として栄えた大井宿の歴史を、古地図と写真で紹介する講演会です。",
        "purpose": "地域の歴史を知り、まちへの愛着を深めてもらいます。",
        "expected_effect": "まち歩きの会への参加者が増えることが期待されます。",
        "safety_insurance": "主催者として行事保険に加入します。",
        "safety_plan": "受付で体調を確認し、会場の避難経路を案内します。",
        "budget": 60000,
        "detail": {
            "event_name": "歴史講演会「川越街道と大井宿」",
            "event_date": "2025-11-15",
            "venue": "生涯学習センター 講座室",
            "audience": "市内在住・在勤・在学の方",
            "expected_attendance": 80,
            "fee": "無料",
            "name_on_poster": True,
            "name_on_flyer": True,
            "name_on_web": False,
        },
        "partners": [],
        "events": [
            ev("歴史講演会「川越街道と大井宿」", "2025-11-15", "learning", "13:30", "15:30"),
        ],
        "history": [
            ("submit", "2025-09-22 10:00"),
            ("approve", "2025-10-03 15:00"),
            ("complete", "2025-12-10 11:00"),
        ],
        "report": {
            "activities": "講演(90分)と質疑応答を行いました。",
            "participants": 92,
            "outcomes": "定員を超える申し込みがあり、まち歩きの会に15人が申し込みました。",
            "submitted": "2025-12-05 10:00",
            "accepted": "2025-12-10 11:00",
        },
    },
    {
        "title": "親子で楽しむ科学あそび教室",
        "lead": "kodomo",
        "form": Form.PATRONAGE,
        "fiscal_year": 2026,
        "starts_on": "2027-01-10",
        "ends_on": "2027-01-10",
        "place": "生涯学習センター 講座室",
        "area": "kamifukuoka",
        "fields": ["children", "science-technology"],
        "department": "lifelong-learning",
        "summary": "身近な材料で電池や偏光板の工作をしながら、親子で科学の不思議を体験する教室です。",
        "purpose": "子どもが科学に興味を持つきっかけをつくります。",
        "expected_effect": "親子で参加できる地域の学びの場が広がることが期待されます。",
        "safety_insurance": "主催者として行事保険に加入します。",
        "safety_plan": "工作で使う道具は年齢に合わせて選び、各テーブルにスタッフを置きます。",
        "budget": 40000,
        "detail": {
            "event_name": "親子で楽しむ科学あそび教室",
            "event_date": "2027-01-10",
            "venue": "生涯学習センター 講座室",
            "audience": "市内の小学生とその保護者",
            "expected_attendance": 60,
            "fee": "材料費 300円",
            "name_on_poster": False,
            "name_on_flyer": True,
            "name_on_web": True,
        },
        "partners": [],
        "events": [
            ev(
                "親子で楽しむ科学あそび教室",
                "2027-01-10",
                "learning",
                "10:00",
                "12:00",
                description="申し込みは12月20日まで(先着30組)。",
            ),
        ],
        "history": [
            ("submit", "2026-10-13 10:00"),
            ("approve", "2026-10-30 15:00"),
        ],
    },
    # ---- Private cases: none of these may be public -----------------------------------
    {
        "title": "【非公開:下書き】子ども食堂の立ち上げ相談会",
        "lead": "kodomo",
        "form": Form.SUBSIDY,
        "fiscal_year": 2026,
        "starts_on": "2027-01-15",
        "ends_on": "2027-03-31",
        "place": "市内の集会所",
        "area": "citywide",
        "fields": ["children", "health-welfare"],
        "department": "kyodo-suishin",
        "summary": "子ども食堂を始めたい市民向けの相談会です(下書き・非公開)。",
        "purpose": "子ども食堂の担い手を増やします。",
        "budget": 120000,
        "detail": {"requested_amount": 60000, "budget_plan": "会場費 20,000円、資料代 40,000円"},
        "partners": [],
        "events": [
            ev(
                "【非公開:下書き】子ども食堂 立ち上げ相談会",
                "2027-02-06",
                "kami1_hall",
                "10:00",
                "12:00",
            ),
        ],
        "history": [],
    },
    {
        "title": "【非公開:審査中】放課後の学習支援教室",
        "lead": "kodomo",
        "form": Form.COHOSTING,
        "fiscal_year": 2027,
        "starts_on": "2027-04-01",
        "ends_on": "2028-03-31",
        "place": "市立小学校の空き教室",
        "area": "kamifukuoka",
        "fields": ["children", "social-education"],
        "department": "lifelong-learning",
        "summary": "放課後に小学生の宿題を見守る学習支援教室を、市と共催で開く提案です(審査中・非公開)。",
        "purpose": "子どもの学習習慣と放課後の居場所をつくります。",
        "budget": 300000,
        "detail": {"cost_sharing": "ボランティアの謝礼は団体、教室と広報は市が負担する案です。"},
        "partners": [{"name": "上福岡地区の民生委員", "role": "見守りの協力"}],
        "events": [
            ev("【非公開:審査中】学習支援教室 開室", "2027-04-17", "school_gym", "15:00", "17:00"),
        ],
        "history": [("submit", "2026-11-10 10:00")],
    },
    {
        "title": "【非公開:差し戻し】子育て情報誌の共同発行",
        "lead": "kodomo",
        "form": Form.COHOSTING,
        "fiscal_year": 2026,
        "starts_on": "2027-01-01",
        "ends_on": "2027-03-31",
        "place": "市内全域",
        "area": "citywide",
        "fields": ["children", "information-society"],
        "department": "kyodo-suishin",
        "summary": "子育て世帯向けの情報誌を市と共同で発行する提案です(差し戻し・非公開)。",
        "purpose": "子育ての情報を必要な人に届けます。",
        "budget": 400000,
        "detail": {"cost_sharing": "未定"},
        "partners": [],
        "events": [
            ev(
                "【非公開:差し戻し】子育て情報誌 編集会議",
                "2027-01-20",
                "learning",
                "10:00",
                "12:00",
            ),
        ],
        "history": [
            ("submit", "2026-10-01 10:00"),
            (
                "return",
                "2026-10-09 16:00",
                "役割分担と経費の分担が読み取れません。共催の場合、市が担う役割と負担する経費を"
                "具体的に書いてください。",
            ),
        ],
    },
    {
        "title": "【非公開:不採択】商店街イルミネーションの常設化",
        "lead": "oi_shoten",
        "form": Form.SUBSIDY,
        "fiscal_year": 2026,
        "starts_on": "2026-11-01",
        "ends_on": "2027-03-31",
        "place": "大井ふれあい商店会の区域",
        "area": "oi",
        "fields": ["economy"],
        "department": "industry",
        "summary": "商店街のイルミネーションを常設にするための補助の申請です(不採択・非公開)。",
        "purpose": "夜間のにぎわいをつくります。",
        "budget": 2500000,
        "detail": {"requested_amount": 2000000, "budget_plan": "電飾の購入と設置 2,500,000円"},
        "partners": [],
        "events": [],
        "history": [
            ("submit", "2026-09-01 10:00"),
            (
                "reject",
                "2026-09-25 16:00",
                "常設の設備の購入は補助の対象外のため、不採択とします。季節の行事として"
                "の実施であれば、改めてご相談ください。",
            ),
        ],
    },
    {
        "title": "【非公開:取り下げ】新河岸川 河川敷の清掃活動",
        "lead": "eco",
        "form": Form.PATRONAGE,
        "fiscal_year": 2026,
        "starts_on": "2026-10-18",
        "ends_on": "2026-10-18",
        "place": "新河岸川 河川敷",
        "area": "kamifukuoka",
        "fields": ["environment"],
        "department": "environment",
        "summary": "河川敷の清掃活動への後援の申請です(取り下げ・非公開)。",
        "purpose": "川辺の環境を守ります。",
        "budget": 30000,
        "detail": {
            "event_name": "【非公開:取り下げ】新河岸川クリーン作戦",
            "event_date": "2026-10-18",
            "venue": "新河岸川 河川敷",
            "audience": "どなたでも",
            "expected_attendance": 50,
            "fee": "無料",
            "name_on_flyer": True,
        },
        "partners": [],
        "events": [
            ev(
                "【非公開:取り下げ】新河岸川クリーン作戦",
                "2026-10-18",
                "riverside",
                "09:00",
                "11:00",
            ),
        ],
        "history": [
            ("submit", "2026-08-20 10:00"),
            (
                "withdraw",
                "2026-08-28 18:00",
                "雨天時の安全対策を見直すため、いったん取り下げます。",
            ),
        ],
    },
    {
        "title": "【非公開:非表示】ふじみ野ウォーキング大会",
        "lead": "sports",
        "form": Form.PATRONAGE,
        "fiscal_year": 2026,
        "starts_on": "2027-03-20",
        "ends_on": "2027-03-20",
        "place": "市内一円",
        "area": "citywide",
        "fields": ["culture-arts-sports", "health-welfare"],
        "department": "sports",
        "summary": "市内の名所をめぐるウォーキング大会です(公開後に非表示・非公開)。",
        "purpose": "歩く習慣づくり",
        "budget": 200000,
        "detail": {
            "event_name": "【非公開:非表示】ふじみ野ウォーキング大会",
            "event_date": "2027-03-20",
            "venue": "市役所 本庁舎 前広場(スタート・ゴール)",
            "audience": "どなたでも",
            "expected_attendance": 300,
            "fee": "500円",
            "name_on_poster": True,
        },
        "partners": [],
        "events": [
            ev(
                "【非公開:非表示】ふじみ野ウォーキング大会",
                "2027-03-20",
                "city_hall",
                "09:00",
                "13:00",
            ),
        ],
        "history": [
            ("submit", "2026-10-20 10:00"),
            ("approve", "2026-11-02 15:00"),
            ("hide", "2026-11-12 09:30", "コースの安全確認が終わるまで、いったん非公開にします。"),
        ],
    },
    {
        "title": "【非公開:承認待ち団体】地域の見守り活動",
        "lead": "pending_lead",
        "form": Form.COHOSTING,
        "fiscal_year": 2026,
        "starts_on": "2026-11-01",
        "ends_on": "2027-03-31",
        "place": "大井地区",
        "area": "oi",
        "fields": ["community-safety", "health-welfare"],
        "department": "kyodo-suishin",
        "summary": "主たる団体がまだ承認されていないため、公開されない事業です。",
        "purpose": "ひとり暮らしの高齢者の見守り",
        "budget": 50000,
        "detail": {"cost_sharing": "チラシの印刷は市、見守りの人員は団体"},
        "partners": [],
        "events": [
            ev(
                "【非公開:承認待ち団体】見守り活動 説明会",
                "2026-12-05",
                "oi_chuo_hall",
                "10:00",
                "11:30",
            ),
        ],
        "history": [],
    },
    {
        "title": "【非公開:停止団体】公園の花壇づくり",
        "lead": "suspended",
        "form": Form.SUBSIDY,
        "fiscal_year": 2026,
        "starts_on": "2026-06-01",
        "ends_on": "2027-03-31",
        "place": "市内の公園",
        "area": "kamifukuoka",
        "fields": ["environment"],
        "department": "environment",
        "summary": "主たる団体の掲載が停止されているため、公開されない事業です。",
        "purpose": "公園の美化",
        "budget": 80000,
        "detail": {"requested_amount": 40000, "granted_amount": 40000},
        "partners": [],
        "events": [
            ev("【非公開:停止団体】春の花壇の植え付け", "2027-03-27", "oi_park", "09:00", "11:00"),
        ],
        "history": [],
    },
]

DETAIL_MODELS = {
    Form.SUBSIDY: SubsidyDetail,
    Form.PATRONAGE: PatronageDetail,
    Form.COMMISSION: CommissionDetail,
    Form.COMMITTEE: CommitteeDetail,
    Form.COOPERATION: CooperationDetail,
    Form.COHOSTING: CohostingDetail,
}

DETAIL_DATE_FIELDS = ("contract_starts_on", "contract_ends_on", "concluded_on", "event_date")


class Command(BaseCommand):
    help = "デモ用のデータ(指針の事例と、非公開のまま保つべきデータ)を登録します。何度実行しても同じ結果になります。"

    def handle(self, *args, **options):
        # Demo data tells nobody: no mail leaves while it loads.
        with portal_lifecycle.silenced(), transaction.atomic():
            self.users = self.load_users()
            self.departments = self.load_departments()
            self.organizations = self.load_organizations()
            self.load_memberships()
            self.principles = {p.code: p for p in Principle.objects.all()}
            created = [self.load_project(spec) for spec in PROJECTS]
        self.print_summary(sum(created))

    # ---- users, departments, organisations -------------------------------------------

    def load_users(self):
        from allauth.account.models import EmailAddress

        User = get_user_model()
        users = {}
        for key, spec in USERS.items():
            email = spec["email"]
            user = (
                User.objects.filter(username=email).first()
                or User.objects.filter(email__iexact=email).first()
            )
            if user is None:
                user = User(username=email, email=email)
            user.email = email
            if spec.get("superuser"):
                user.is_superuser = True
                user.is_staff = True
            user.is_active = True
            if user.pk is None or not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
            user.save()
            EmailAddress.objects.filter(user=user, primary=True).exclude(email=email).update(
                primary=False
            )
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            users[key] = user
        return users

    def load_departments(self):
        departments = {
            "kyodo-suishin": Department.objects.get_or_create(
                code="kyodo-suishin",
                defaults={"name": "協働推進課", "is_coordinating": True, "order": 1},
            )[0]
        }
        for code, name, phone, email, order in DEPARTMENTS:
            departments[code], _ = Department.objects.update_or_create(
                code=code,
                defaults={"name": name, "phone": phone, "email": email, "order": order},
            )
        for user_key, code in DEPARTMENT_STAFF.items():
            departments[code].staff.add(self.users[user_key])
        return departments

    def load_organizations(self):
        areas = {area.code: area for area in Area.objects.all()}
        fields = {field.code: field for field in ActivityField.objects.all()}
        organizations = {}
        for number, spec in enumerate(ORGANIZATIONS, start=1):
            key = spec["key"]
            status = spec.get("status", APPROVED)
            organization, _ = Organization.objects.update_or_create(
                name=spec["name"],
                defaults={
                    "name_kana": spec["name_kana"],
                    "kind": spec["kind"],
                    "area": areas[spec["area"]],
                    "description": f"{spec['description']}{DEMO_NOTE}",
                    "offers": spec["offers"],
                    "needs": spec["needs"],
                    "founded_year": spec["founded_year"],
                    "public_email": f"info-{key.replace('_', '-')}@example.jp",
                    "public_phone": f"049-000-{number:04d}",
                    "public_url": f"https://{key.replace('_', '-')}.example.jp/",
                    "representative_name": f"非公開代表者{number:02d}",
                    "representative_phone": PRIVATE_PHONE,
                    "representative_address": (
                        f"埼玉県ふじみ野市{PRIVATE_ADDRESS_MARKER}{number}-{number}"
                    ),
                    "private_email": f"private-{key.replace('_', '-')}@example.jp",
                    "status": status,
                    "approved_at": _at(spec["approved_at"]) if spec.get("approved_at") else None,
                },
            )
            organization.fields.set([fields[code] for code in spec["fields"]])
            organizations[key] = organization
        return organizations

    def load_memberships(self):
        for user_key, organization_key, role in MEMBERSHIPS:
            Membership.objects.update_or_create(
                user=self.users[user_key],
                organization=self.organizations[organization_key],
                defaults={"role": role},
            )

    # ---- projects ------------------------------------------------------------------

    def load_project(self, spec):
        """Create or update one project with everything under it. True if it is new."""
        lead = self.organizations[spec["lead"]]
        department = self.departments[spec["department"]]
        lead_is_members = lead.memberships.filter(user=self.users["member"]).exists()
        coordinator = {
            "kyodo-suishin": self.users["staff"],
            "lifelong-learning": self.users["dept"],
        }.get(spec["department"])
        project, created = Project.objects.update_or_create(
            title=spec["title"],
            lead_organization=lead,
            fiscal_year=spec["fiscal_year"],
            defaults={
                "form": spec["form"],
                "summary": spec["summary"],
                "purpose": spec.get("purpose", ""),
                "expected_effect": spec.get("expected_effect") or DEMO_EXPECTED_EFFECT,
                "area": Area.objects.get(code=spec["area"]),
                "starts_on": _date(spec["starts_on"]),
                "ends_on": _date(spec["ends_on"]),
                "place": spec["place"],
                "department": department,
                "coordinator": coordinator,
                "safety_insurance": spec.get("safety_insurance") or DEMO_SAFETY_INSURANCE,
                "safety_plan": spec.get("safety_plan") or DEMO_SAFETY_PLAN,
                "budget": spec.get("budget"),
                "created_by": self.users["member"] if lead_is_members else self.users["staff"],
            },
        )
        project.fields.set(ActivityField.objects.filter(code__in=spec["fields"]))
        self.load_detail(project, spec)
        self.load_partners(project, spec)
        self.load_events(project, spec)
        self.load_report(project, spec)
        self.load_evaluations(project, spec)
        if created:
            self.apply_history(project, spec, lead_is_members)
        return created

    def load_detail(self, project, spec):
        values = dict(spec["detail"])
        for name in DETAIL_DATE_FIELDS:
            if name in values:
                values[name] = _date(values[name])
        DETAIL_MODELS[spec["form"]].objects.update_or_create(project=project, defaults=values)

    def load_partners(self, project, spec):
        for order, partner in enumerate(spec["partners"], start=1):
            organization_key = partner.get("organization")
            Partner.objects.update_or_create(
                project=project,
                order=order,
                defaults={
                    "organization": self.organizations[organization_key]
                    if organization_key
                    else None,
                    "name": partner.get("name", ""),
                    "role": partner["role"],
                    "cost_share": partner.get("cost_share", ""),
                    "is_chair": partner.get("is_chair", False),
                    "consent": Partner.Consent.CONFIRMED
                    if organization_key
                    else Partner.Consent.NOT_NEEDED,
                },
            )

    def load_events(self, project, spec):
        for event in spec["events"]:
            place, address, latitude, longitude = PLACES[event["place"]]
            Event.objects.update_or_create(
                project=project,
                title=event["title"],
                defaults={
                    "description": event["description"],
                    "starts_on": _date(event["starts_on"]),
                    "ends_on": _date(event["ends_on"]),
                    "start_time": _time(event["start"]),
                    "end_time": _time(event["end"]),
                    "place": place,
                    "address": address,
                    "latitude": Decimal(latitude),
                    "longitude": Decimal(longitude),
                },
            )

    def load_report(self, project, spec):
        report = spec.get("report")
        if not report:
            return
        status = report.get("status", Report.Status.ACCEPTED)
        Report.objects.update_or_create(
            project=project,
            defaults={
                "activities": report["activities"],
                "participants": report.get("participants"),
                "outcomes": report.get("outcomes", ""),
                "status": status,
                "submitted_at": _at(report["submitted"]),
                "accepted_at": _at(report["accepted"]) if report.get("accepted") else None,
            },
        )

    def load_evaluations(self, project, spec):
        for item in spec.get("evaluations", []):
            if item["party"] == "city":
                party = {"department": project.department, "organization": None}
                lookup = {"project": project, "department": project.department}
            else:
                organization = self.organizations[item["party"]]
                party = {"department": None, "organization": organization}
                lookup = {"project": project, "organization": organization}
            evaluation_row, _ = Evaluation.objects.update_or_create(
                **lookup,
                defaults={
                    **party,
                    "outcomes": item["outcomes"],
                    "issues": item["issues"],
                    "recommendation": item["recommendation"],
                    "submitted_at": _at(item["submitted"]),
                },
            )
            for code, score in zip(PRINCIPLE_ORDER, item["scores"], strict=True):
                high, low = PRINCIPLE_COMMENTS[code]
                comment = item["comments"].get(code) or (high if score >= 3 else low)
                EvaluationScore.objects.update_or_create(
                    evaluation=evaluation_row,
                    principle=self.principles[code],
                    defaults={"score": score, "comment": comment},
                )

    def answer_self_check(self, project):
        """The proposer answered the self-check before submitting (every item: はい)."""
        for item in ChecklistItem.objects.filter(is_active=True):
            SelfCheckAnswer.objects.get_or_create(
                project=project, item=item, defaults={"answer": SelfCheckAnswer.Answer.YES}
            )

    def attach_required_documents(self, project):
        """The documents the form requires (a one-page PDF each, marked as a demo)."""
        for kind in REQUIRED_ATTACHMENT_KINDS.get(project.form, ()):
            if project.attachments.filter(kind=kind).exists():
                continue
            attachment = Attachment(
                project=project,
                kind=kind,
                original_name=f"{kind.label}(デモ).pdf",
                content_type="application/pdf",
                size=len(DEMO_PDF),
            )
            attachment.file.save("upload", ContentFile(DEMO_PDF), save=False)
            attachment.save()

    def apply_history(self, project, spec, lead_is_members):
        """Walk a new project through its states, then date the history realistically."""
        for step in spec["history"]:
            action, when, *comment = step
            if action == "submit":
                self.answer_self_check(project)
                self.attach_required_documents(project)
            try:
                lifecycle.apply(
                    project, action, actor=None, at=_at(when), comment=comment[0] if comment else ""
                )
            except lifecycle.LifecycleError as error:
                raise RuntimeError(
                    f"{project.title}: {action}: {error} {error.problems}"
                ) from error
        transitions = list(project.transitions.order_by("id"))
        for transition, step in zip(transitions, spec["history"], strict=True):
            actor = (
                self.users["member"]
                if step[0] in ("submit", "withdraw") and lead_is_members
                else self.users["staff"]
            )
            Transition.objects.filter(pk=transition.pk).update(actor=actor)
        dates = {}
        for action, when, *_rest in spec["history"]:
            if action == "submit":
                dates["submitted_at"] = _at(when)
            elif action == "approve":
                dates["published_at"] = _at(when)
        if dates:
            Project.objects.filter(pk=project.pk).update(**dates)

    # ---- summary -------------------------------------------------------------------

    def print_summary(self, created_count):
        public = Project.objects.public()
        lines = [
            "デモデータを登録しました。",
            f"  団体: {Organization.objects.public().count()}件公開 / "
            f"全{Organization.objects.count()}件",
            f"  協働事業: {public.count()}件公開 / 全{Project.objects.count()}件"
            f"(今回新しく作成: {created_count}件)",
            f"  イベント: {Event.objects.count()}件",
            "デモ用のログイン(パスワードはすべて同じです):",
        ]
        for spec in USERS.values():
            lines.append(f"  {spec['label']}: {spec['email']} / {DEMO_PASSWORD}")
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
