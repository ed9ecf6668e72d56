"""`python manage.py load_city [--profile FOLDER]`: write a city profile's data files into the
database (see docs/city-profile.md). Idempotent: every row is matched by its code."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from city import datafiles
from city.services import profile_load
from matching.services import related_words_load
from organizations.services import master_data_load
from principles.services import principles_load
from projects.services import form_guide_load


def _messages(error):
    if hasattr(error, "message_dict"):
        return [f"{field}: {'; '.join(texts)}" for field, texts in error.message_dict.items()]
    return list(error.messages)


class Command(BaseCommand):
    help = (
        "市のプロフィール(市の名称・問い合わせ先・指針、地区、担当課、活動分野、基本原則と"
        "チェック項目、協働の形態の説明、団体の紹介に使う関連語)をデータファイルから登録します。何度実行しても同じ結果になります。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--profile",
            help="プロフィールのフォルダ(既定は設定 CITY_PROFILE)。",
        )

    def handle(self, *args, profile=None, **options):
        folder = datafiles.profile_folder(profile or settings.CITY_PROFILE)
        try:
            data = datafiles.read("profile", folder)
            lists = {name: datafiles.rows(name, folder) for name in datafiles.LISTS}
            lists.update(
                {name: datafiles.optional_rows(name, folder) for name in datafiles.OPTIONAL_LISTS}
            )
            with transaction.atomic():
                city = profile_load(data=data)
                master_data_load(
                    fields=lists["fields"], areas=lists["areas"], departments=lists["departments"]
                )
                principles_load(principles=lists["principles"])
                form_guide_load(forms=lists["forms"])
                related_words_load(groups=lists["related_words"])
        except datafiles.ProfileError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(
                _("%(folder)s のデータに誤りがあります。\n%(errors)s")
                % {"folder": folder, "errors": "\n".join(_messages(error))}
            ) from error
        except KeyError as error:
            raise CommandError(
                _("%(folder)s のデータに必要な項目 %(key)s がありません。")
                % {"folder": folder, "key": error}
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(city)s のプロフィールを登録しました(%(folder)s): 活動分野 %(fields)d、"
                    "地区 %(areas)d、担当課 %(departments)d、基本原則 %(principles)d、"
                    "協働の形態 %(forms)d、関連語 %(related_words)d。"
                )
                % {
                    "city": city.name,
                    "folder": folder,
                    **{name: len(lists[name]) for name in lists},
                }
            )
        )
