"""A test client whose every request ends as a real one does: the work it did is committed,
so what waits for the commit (mails on the queue) happens before the test reads the outbox."""

from django.test import Client, TestCase


class CommittingClient(Client):
    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)
