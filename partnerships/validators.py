"""Upload checks that look at a file's content, never only at its name.

A file is accepted when its first bytes name an allowed format, its name agrees, and the whole
file holds together as that format: a PDF is parsed and must have pages, an image is decoded
pixel by pixel. A file that also carries a web page or a script (a polyglot: "%PDF-" followed by
HTML, an image with a page appended), or that ends early, is refused.
"""

import io
import re
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

# Leading bytes of the formats the portal accepts: letters, decisions and agreements are PDFs,
# photos are JPEG, PNG or WebP.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "webp": (b"RIFF",),
}
ALLOWED_EXTENSIONS = {"pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "png": "png", "webp": "webp"}
PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}

# What a browser would run, were it ever to take the file for a web page: browsers look for
# markup at the start of a file, so that is where it is looked for (compressed picture data
# further on holds every short byte sequence sooner or later).
MARKUP_AT_START = re.compile(
    rb"<\s*(?:html|script|body|iframe|svg|object|embed)\b|<!doctype\s+html", re.IGNORECASE
)
START = 1024
# What a PDF reader would run or open. PDF names are case-sensitive and these are long enough
# never to turn up by chance.
PDF_ACTIONS = re.compile(rb"/JavaScript\b|/Launch\b")

DAMAGED = _("This file could not be read: it is damaged or incomplete. Save it again from the "
            "program that made it and upload it once more.")  # fmt: skip


def sniff_format(head):
    """Return the format whose signature starts `head`, or None."""
    for fmt, signatures in SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            if fmt == "webp" and head[8:12] != b"WEBP":
                continue
            return fmt
    return None


def _read_all(upload):
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    content = upload.read()
    upload.seek(position)
    return content


def _pdf_holds_together(content):
    # Anything after the last end-of-file marker is a second file riding along.
    if not content.rstrip(b"\r\n\t\x00 ").endswith(b"%%EOF"):
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(content), strict=True)
            return len(reader.pages) > 0
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return False


def _image_holds_together(content, fmt):
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != PILLOW_FORMATS[fmt]:
                return False
            image.load()  # decodes every pixel: a truncated file fails here
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False
    return not _image_has_trailing_data(content, fmt)


def _image_has_trailing_data(content, fmt):
    if fmt == "png":
        return not content.endswith(b"IEND\xaeB`\x82")
    if fmt == "jpeg":
        return not content.rstrip(b"\x00").endswith(b"\xff\xd9")
    # WebP: the RIFF header states the file's length.
    return int.from_bytes(content[4:8], "little") + 8 != len(content)


def validate_document_file(upload):
    """Refuse files that are too large, or whose content is not wholly an allowed format."""
    limit = settings.PORTAL_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    content = _read_all(upload)
    found = sniff_format(content[:16])
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
    if MARKUP_AT_START.search(content[:START]) or (found == "pdf" and PDF_ACTIONS.search(content)):
        raise ValidationError(
            _("This file also contains web-page or script content, which the portal does not "
              "accept in documents. Upload a plain copy (for example, print it to a new PDF)."),
            code="file_active_content",
        )  # fmt: skip
    if found == "pdf":
        holds = _pdf_holds_together(content)
    else:
        holds = _image_holds_together(content, found)
    if not holds:
        raise ValidationError(DAMAGED, code="file_damaged")
