"""The six forms as the guideline explains them (出典: ふじみ野市協働のまちづくり推進指針)."""

from django.utils.translation import gettext_lazy as _

from .models import Form

FORM_GUIDE = {
    Form.SUBSIDY: {
        "definition": _("市が市民の自主的かつ創造的な取組等に対し、その事業費を支援する形態"),
        "effect": _("財政支援を行うことで協働の領域が広がります。"),
        "examples": [_("自治組織運営活動への支援")],
    },
    Form.PATRONAGE: {
        "definition": _("市がNPO等の事業の趣旨に賛同し、応援・援助する形態(主に名義の付与)"),
        "effect": "",
        "examples": [],
    },
    Form.COMMISSION: {
        "definition": _("優れた資格・能力を持つ第三者に事業を委ねる形態"),
        "effect": _("市民が有するノウハウを広く活用することができます。"),
        "examples": [_("市民大学ふじみ野"), _("スポーツフェスティバル")],
    },
    Form.COMMITTEE: {
        "definition": _("構成団体相互の特性を生かした企画運営により、協力して事業を行う形態"),
        "effect": _("多数の市民の参加が可能となり、協働の輪が広がります。"),
        "examples": [_("上福岡七夕まつり"), _("おおい祭り"), _("環境フェア")],
    },
    Form.COOPERATION: {
        "definition": _(
            "NPO等と市との間で、お互いの特性を生かす役割分担を取り決め、協力して事業を行う形態"
        ),
        "effect": _("事業者の弱点を補完することで実施体制の強化につながります。"),
        "examples": [_("大学等との包括連携協定に基づく事業"), _("民間企業との災害協定")],
    },
    Form.COHOSTING: {
        "definition": _("NPO等と市が主催となっており、対等な立場で事業を行う形態"),
        "effect": _("協働の成果を共有することができます。"),
        "examples": [_("スポーツカレッジ")],
    },
}


def forms_with_guide():
    """The six forms in the guideline's order, each with its explanation."""
    return [{"code": form.value, "label": form.label, **FORM_GUIDE[form]} for form in Form]
