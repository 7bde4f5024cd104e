"""Upload checks that look at a file's content, never only at its name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Leading bytes of the formats the portal accepts: letters, decisions and agreements are PDFs,
# photos are JPEG, PNG or WebP.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "webp": (b"RIFF",),
}
ALLOWED_EXTENSIONS = {"pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "png": "png", "webp": "webp"}


def sniff_format(head):
    """Return the format whose signature starts `head`, or None."""
    for fmt, signatures in SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            if fmt == "webp" and head[8:12] != b"WEBP":
                continue
            return fmt
    return None


def validate_document_file(upload):
    """Refuse files that are too large or whose content is not an allowed format."""
    limit = settings.PORTAL_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    found = sniff_format(head)
    if found is None:
        raise ValidationError(
            _("This file is not a PDF, JPEG, PNG or WebP document."), code="file_type"
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if ALLOWED_EXTENSIONS.get(extension) != found:
        raise ValidationError(
            _("The file name says .%(extension)s but its content is %(found)s."),
            code="file_extension_mismatch",
            params={"extension": extension or "?", "found": found.upper()},
        )
