"""Master data: the 20 fields of the NPO Act (別表), Fujimino's areas, 協働推進課."""

from django.db import migrations

ACTIVITY_FIELDS = [
    ("health-welfare", "保健、医療又は福祉の増進を図る活動"),
    ("social-education", "社会教育の推進を図る活動"),
    ("community-development", "まちづくりの推進を図る活動"),
    ("tourism", "観光の振興を図る活動"),
    ("rural-development", "農山漁村又は中山間地域の振興を図る活動"),
    ("culture-arts-sports", "学術、文化、芸術又はスポーツの振興を図る活動"),
    ("environment", "環境の保全を図る活動"),
    ("disaster-relief", "災害救援活動"),
    ("community-safety", "地域安全活動"),
    ("human-rights-peace", "人権の擁護又は平和の推進を図る活動"),
    ("international-cooperation", "国際協力の活動"),
    ("gender-equality", "男女共同参画社会の形成の促進を図る活動"),
    ("children", "子どもの健全育成を図る活動"),
    ("information-society", "情報化社会の発展を図る活動"),
    ("science-technology", "科学技術の振興を図る活動"),
    ("economy", "経済活動の活性化を図る活動"),
    ("employment", "職業能力の開発又は雇用機会の拡充を支援する活動"),
    ("consumer-protection", "消費者の保護を図る活動"),
    ("intermediary-support", "前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助の活動"),
    ("prefectural-ordinance", "前各号に掲げる活動に準ずる活動として都道府県又は指定都市の条例で定める活動"),
]

AREAS = [
    ("kamifukuoka", "上福岡地区"),
    ("oi", "大井地区"),
    ("citywide", "市内全域"),
]


def load(apps, schema_editor):
    ActivityField = apps.get_model("organizations", "ActivityField")
    Area = apps.get_model("organizations", "Area")
    Department = apps.get_model("organizations", "Department")
    for order, (code, name) in enumerate(ACTIVITY_FIELDS, start=1):
        ActivityField.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    for order, (code, name) in enumerate(AREAS, start=1):
        Area.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    Department.objects.update_or_create(
        code="kyodo-suishin",
        defaults={
            "name": "協働推進課",
            "is_coordinating": True,
            "phone": "049-262-9016",
            "email": "chiihinkou@city.fujimino.saitama.jp",
            "order": 1,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
