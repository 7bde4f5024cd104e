"""A mail backend whose SMTP server refuses the first deliveries, to test retries.

Everything else goes through Django's locmem backend, as in every other test."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    failures_left = 0

    def send_messages(self, messages):
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class RefusingBackend(EmailBackend):
    """An SMTP server that refuses every recipient; its error names them, as smtplib's does."""

    def send_messages(self, messages):
        from smtplib import SMTPRecipientsRefused

        refused = {address: (550, b"No such user") for m in messages for address in m.to}
        raise SMTPRecipientsRefused(refused)
