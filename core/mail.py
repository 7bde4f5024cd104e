"""The portal's one way of writing and queueing mail. Every mail (a staff notice, a follower's
step, a reminder, a confirmation) is written from `<template>_subject.txt` and `_body.txt` in
its recipient's language, and queued by the workflow function that made the news, after its
transaction commits: a rolled-back change mails nobody, and no mail leaves from a model signal.
While notices are paused (the demo story being loaded), nothing is queued."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

_paused = ContextVar("notifications_paused", default=False)


@contextmanager
def notifications_paused():
    """Record without mailing anyone, e.g. while the demo story is loaded."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def notifications_are_paused():
    return _paused.get()


def queue_after_commit(task, **arguments):
    """Enqueue `task` once the current transaction commits; nothing while notices are paused.
    Returns whether it was queued."""
    if _paused.get():
        return False
    transaction.on_commit(lambda: task.enqueue(**arguments))
    return True


def mail_in_language(template, context, *, to, language, headers=None):
    """One mail in `language`. `context` is a dict, or a function giving it, called in that
    language (so that the links it builds carry the reader's language prefix)."""
    with translation.override(language):
        values = context() if callable(context) else context
        subject = render_to_string(f"{template}_subject.txt", values)
        body = render_to_string(f"{template}_body.txt", values)
    return EmailMessage(" ".join(subject.split()), body, to=[to], headers=headers)
