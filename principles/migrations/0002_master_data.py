"""The seven principles with the guideline's definitions, and a first self-check list."""

from django.db import migrations

# 出典: ふじみ野市協働のまちづくり推進指針(平成29年10月)
PRINCIPLES = [
    (
        "equality",
        "対等",
        "対等の立場に立つこと",
        [
            "市と団体が上下の関係でなく、対等な立場で話し合って事業を決めていますか。",
            "役割や経費の分担を、双方が納得できる形で取り決めていますか。",
        ],
    ),
    (
        "autonomy",
        "自主性尊重",
        "市民(市民活動)が自主的に行うことを尊重すること",
        [
            "団体の自主的な企画や運営の方法が尊重されていますか。",
            "市が団体の活動に必要以上に関与しない取り決めになっていますか。",
        ],
    ),
    (
        "self-reliance",
        "自立化",
        "市民(市民活動)が自立化する方向で協働を進めること",
        [
            "市の支援がなくても活動を続けられる見通しを持っていますか。",
            "将来の財源や担い手の確保について考えていますか。",
        ],
    ),
    (
        "mutual-understanding",
        "相互理解",
        "それぞれの長所、短所や立場を理解しあうこと",
        [
            "互いの得意なこと・苦手なこと、立場の違いを話し合いましたか。",
            "連絡や相談の窓口と方法を決めていますか。",
        ],
    ),
    (
        "shared-purpose",
        "目的共有",
        "その活動の全体又は一部について目的を共有すること",
        [
            "事業の目的と目標を、双方が同じ言葉で説明できますか。",
            "目標の達成を何で確かめるか決めていますか。",
        ],
    ),
    (
        "openness",
        "公開",
        "お互いの関係が公開されていること",
        [
            "協働の内容、役割分担、経費を市民に公開することに同意していますか。",
            "事業の成果を市民に報告する予定がありますか。",
        ],
    ),
    (
        "mutual-evaluation",
        "相互評価",
        "課題や改善点について話し合うこと",
        [
            "事業の終了後に、双方で評価し話し合う機会を設けていますか。",
            "評価の結果を次の事業に生かす方法を決めていますか。",
        ],
    ),
]


def load(apps, schema_editor):
    Principle = apps.get_model("principles", "Principle")
    ChecklistItem = apps.get_model("principles", "ChecklistItem")
    for order, (code, name, definition, items) in enumerate(PRINCIPLES, start=1):
        principle, _ = Principle.objects.update_or_create(
            code=code, defaults={"name": name, "definition": definition, "order": order}
        )
        if not principle.checklist_items.exists():
            for item_order, text in enumerate(items, start=1):
                ChecklistItem.objects.create(principle=principle, text=text, order=item_order)


class Migration(migrations.Migration):
    dependencies = [("principles", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
