"""Forms that create something are carried out once per page shown.

The page carries a random key (`OnceFormMixin`, a hidden field); the service claims the key
inside its transaction. A second post of the same page finds the key taken — at once, or, when
both posts arrive together, as soon as the first commits (the unique index makes the second
wait) — and is sent to what the first one made instead of making it again.
"""

from django.db import IntegrityError, transaction

from .models import FormSubmission


class AlreadyDone(Exception):
    """This page was posted before; `path` is where its result is."""

    def __init__(self, path):
        super().__init__(path)
        self.path = path


def claim(key):
    """Inside the caller's transaction: take `key`. Returns the claim (to `remember` the result
    on), None when the form carried no key, or raises AlreadyDone."""
    if not key:
        return None
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(key=key[:120])
    except IntegrityError:
        done = FormSubmission.objects.filter(key=key[:120]).first()
        raise AlreadyDone(done.path if done else "") from None


def remember(claimed, path):
    """Where the result of the claimed form is, for a repeated post to be sent there."""
    if claimed is not None:
        claimed.path = path[:300]
        claimed.save(update_fields=["path"])
