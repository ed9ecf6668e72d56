"""`python manage.py load_demo`: the demo data of demo/data/, loaded through the portal's own
services and lifecycles (see docs/demo.md).

Idempotent: every row is found again by its natural key and every action of a history by its
moment, so a second run changes nothing. Nothing is mailed: the whole run is silenced, and
every action is recorded as of its date by the portal itself.
"""

from importlib import import_module

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from demo import steps
from demo.datafiles import DataError, describe
from demo.history import Timeline
from organizations.models import Organization
from portal.lifecycle import silenced
from projects.models import Event, Project


class Command(BaseCommand):
    help = (
        "デモ用のデータ(指針の事例と、非公開のまま保つべきデータ)を demo/data/ から登録します。"
        "何度実行しても同じ結果になり、メールは送りません。"
    )

    def handle(self, *args, **options):
        # What the steps share: rows by the keys of the data files, the dated actions.
        self.users, self.departments, self.organizations, self.projects = {}, {}, {}, {}
        self.timeline = Timeline()
        self.created_projects = 0
        self.password, self.logins = "", []
        try:
            with silenced(), transaction.atomic():
                for step in steps.STEPS:
                    import_module(step).load(self)
        except DataError as error:
            raise CommandError(
                _("デモデータを登録できません: %(error)s") % {"error": error}
            ) from error
        except ValidationError as error:
            raise CommandError(
                _("デモデータを登録できません: %(error)s") % {"error": describe(error)}
            ) from error
        except KeyError as error:
            raise CommandError(
                _("デモデータに必要な項目 %(key)s がありません。") % {"key": error}
            ) from error
        self.print_summary()

    def print_summary(self):
        counts = [
            _("団体: %(public)d件公開 / 全%(all)d件")
            % {
                "public": Organization.objects.public().count(),
                "all": Organization.objects.count(),
            },
            _("協働事業: %(public)d件公開 / 全%(all)d件(今回新しく作成: %(created)d件)")
            % {
                "public": Project.objects.public().count(),
                "all": Project.objects.count(),
                "created": self.created_projects,
            },
            _("イベント: %(count)d件") % {"count": Event.objects.count()},
            _("今回記録した操作: %(count)d件") % {"count": self.timeline.taken},
        ]
        lines = [
            _("デモデータを登録しました(メールは送信していません)。"),
            *(f"  {line}" for line in counts),
            _("デモ用の利用者:"),
            *(f"  {email}: {label}" for email, label in self.logins),
            _("デモ用のログイン(メールアドレス / パスワード):"),
            *(f"{email} / {self.password}" for email, _label in self.logins),
        ]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
