"""Files and words around a proposal: documents (public or not) and the internal discussion."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.archive import Archivable, ArchivableQuerySet
from core.validators import validate_document_file

from .proposals import Proposal


class DocumentQuerySet(ArchivableQuerySet):
    def public(self):
        """Public documents of public proposals."""
        return self.current().filter(is_public=True, proposal__in=Proposal.objects.public())


class FiledDocument(Archivable):
    """A file with its kind, title and date, public or not: a proposal's documents here, a
    visit's in the delegations app. Its type and size are checked by content."""

    class Kind(models.TextChoices):
        OFFER_LETTER = "offer_letter", _("Offer letter")
        LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
        PLAN_OF_ACTION = "plan_of_action", _("Plan of action")
        AGREEMENT = "agreement", _("Agreement")
        RENEWAL = "renewal", _("Renewal agreement")
        APPROVAL_LETTER = "approval_letter", _("Approval letter")
        VISIT_REPORT = "visit_report", _("Visit report")
        PHOTO = "photo", _("Photo")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to="documents/%Y/", validators=[validate_document_file]
    )
    dated = models.DateField(_("document date"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-dated", "title"]

    def __str__(self):
        return self.title


class Document(FiledDocument):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="documents", verbose_name=_("proposal")
    )

    objects = DocumentQuerySet.as_manager()

    class Meta(FiledDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["proposal", "kind"])]


class CommentQuerySet(ArchivableQuerySet):
    def open_requests(self):
        return self.current().filter(
            is_request=True, answered_at__isnull=True, proposal__archived_at__isnull=True
        )


class Comment(Archivable):
    """Internal discussion between city staff and liaisons; never shown publicly.

    A liaison may mark a comment as a request for information; it stays open until staff answer
    it with a comment of their own (`answer_to`)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="comments", verbose_name=_("proposal")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    is_request = models.BooleanField(
        _("request for information"),
        default=False,
        help_text=_("The city's staff must answer it."),
    )
    answer_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("answers the request"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The token of the form that wrote it: a resubmitted form finds it and adds nothing.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["is_request", "answered_at"])]

    def __str__(self):
        return f"{self.author} on {self.proposal.reference}"
