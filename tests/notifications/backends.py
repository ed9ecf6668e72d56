"""Mail backends for the queue's tests."""

import smtplib
import threading

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RefusesOnceBackend(LocmemBackend):
    """The mail server refuses the first message, then takes every one (into mail.outbox)."""

    lock = threading.Lock()
    refused = 0

    def send_messages(self, messages):
        with self.lock:
            if RefusesOnceBackend.refused == 0:
                RefusesOnceBackend.refused += 1
                raise smtplib.SMTPServerDisconnected("the mail server went away")
        return super().send_messages(messages)


class RefusesAlwaysBackend(LocmemBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPException("the mail server said no")
