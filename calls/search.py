"""The search documents of open calls: what a call's public page shows (its result only
once published), kept current on every save."""

from django.db.models.signals import post_save

from portal.search import Index, joined

from .models import Call, CallDocument


def call_text(call):
    return call.title, joined(
        call.theme,
        call.description,
        call.result_summary if call.results_published else "",
    )


CALLS = Index(CallDocument, call_text, objects=lambda: Call.objects.all())


def _on_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        CALLS.update(instance)


def connect():
    post_save.connect(_on_saved, sender=Call, dispatch_uid="search_call")
