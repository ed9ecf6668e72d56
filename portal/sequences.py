"""Numbers that run in sequence (受付番号, 文書番号): a counter row per sequence, locked while
the next number is taken, so that two takers at the same moment wait for one another and never
get the same number."""

from django.db import transaction


def take_next(model, field, **key):
    """The next number of the counter row of `model` matched by `key`, whose `field` holds the
    last number given. The row is made first when the sequence has none (a concurrent maker of
    the same row loses nothing). Call it inside the transaction that stores the number: the
    row stays locked until that transaction ends."""
    with transaction.atomic():
        model.objects.bulk_create([model(**key)], ignore_conflicts=True)
        counter = model.objects.select_for_update().get(**key)
        number = getattr(counter, field) + 1
        setattr(counter, field, number)
        counter.save(update_fields=[field])
    return number
