"""Upload checks that look at a file's content, never only at its name.

A file is accepted when its first bytes name an allowed format, its name agrees, and the whole
file holds together as that format: a PDF is parsed and must have pages, an image is decoded
pixel by pixel. A file that also carries a web page or a script (a polyglot: "%PDF-" followed by
HTML, an image with a page appended, a PDF with JavaScript or launch actions), or that ends
early, is refused. Files already stored are not judged again: a record whose file was accepted
keeps it when its other fields are edited.
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
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Leading bytes of the formats the portal accepts: letters, decisions and agreements are PDFs,
# photos are JPEG, PNG or WebP.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "webp": (b"RIFF",),
}
ALLOWED_EXTENSIONS = {"pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "png": "png", "webp": "webp"}
# Phones store HDR and portrait photos as JPEG files with a second picture inside (MPO).
PILLOW_FORMATS = {"jpeg": {"JPEG", "MPO"}, "png": {"PNG"}, "webp": {"WEBP"}}
# A photo larger than this would take gigabytes to decode; no camera makes one.
MAX_PIXELS = 50_000_000

# What a browser would run, were it ever to take the file for a web page. Browsers look for markup
# at the start of a file, so the short tags are looked for there; the unmistakable ones anywhere
# (compressed picture data holds every short byte sequence sooner or later, long ones never).
MARKUP_AT_START = re.compile(
    rb"<\s*(?:html|script|body|iframe|svg|object|embed)\b|<!doctype\s+html", re.IGNORECASE
)
START = 1024
MARKUP_ANYWHERE = re.compile(rb"<(?:html|script|iframe|object|embed)[\s>/]|<!doctype html",
                             re.IGNORECASE)  # fmt: skip
# What a PDF reader would run, open or send: read from the parsed file, where names are decoded
# (/J#61vaScript is /JavaScript) and objects packed in compressed streams are reached too.
PDF_ACTIVE_KEYS = {"/JS", "/JavaScript", "/XFA", "/RichMedia"}
PDF_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/RichMediaExecute"}

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


def _pdf_objects(reader):
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader)


def _active(value, depth=0):
    """Whether a PDF object, with the direct objects inside it, names an active feature."""
    if depth > 32:
        return False
    if isinstance(value, DictionaryObject):
        if PDF_ACTIVE_KEYS & set(value.keys()) or value.get("/S") in PDF_ACTIVE_ACTIONS:
            return True
        items = value.values()
    elif isinstance(value, ArrayObject):
        items = value
    else:
        return False
    return any(_active(item, depth + 1) for item in items if not isinstance(item, IndirectObject))


def _read_pdf(content):
    """ "active", "damaged" or None (a readable PDF with pages and nothing to run)."""
    # The end-of-file marker closes a PDF; another file riding after it, or a cut-off copy, has
    # none there (line ends, spaces and the filler some programs add are harmless).
    if not content.rstrip(b"\r\n\t\x00\x0c\x1a ").endswith(b"%%EOF"):
        return "damaged"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(content), strict=False)
            if len(reader.pages) == 0:
                return "damaged"
            for reference in _pdf_objects(reader):
                try:
                    found = reference.get_object()
                except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
                    continue  # an unreadable object runs nothing either
                if _active(found):
                    return "active"
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return "damaged"
    return None


def _read_image(content, fmt):
    """ "damaged", "too large" or None (a picture that decodes whole)."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format not in PILLOW_FORMATS[fmt]:
                return "damaged"
            if image.width * image.height > MAX_PIXELS:
                return "too large"
            image.load()  # decodes every pixel: a file cut short in its pixels fails here
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return "damaged"
    return None if _image_complete(content, fmt) else "damaged"


def _image_complete(content, fmt):
    """A picture cut off after its pixels still decodes; its closing part tells. Bytes after that
    part (cameras and phones add some) are harmless: markup in them is looked for separately."""
    if fmt == "png":
        return b"IEND\xaeB`\x82" in content
    if fmt == "jpeg":
        return b"\xff\xd9" in content
    return int.from_bytes(content[4:8], "little") + 8 <= len(content)  # WebP states its length


def _check_size_and_kind(upload):
    """The format the content is in, once size, format and name agree."""
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
    return content, found


def validate_document_file(upload):
    """Refuse files that are too large, or whose content is not wholly an allowed format."""
    if getattr(upload, "_committed", False):
        return  # a stored file, accepted when it was uploaded
    content, found = _check_size_and_kind(upload)
    problem = _read_pdf(content) if found == "pdf" else _read_image(content, found)
    markup = MARKUP_AT_START.search(content[:START]) or MARKUP_ANYWHERE.search(content)
    if problem == "active" or markup:
        raise ValidationError(
            _("This file also contains web-page or script content, which the portal does not "
              "accept in documents. Upload a plain copy (for example, print it to a new PDF)."),
            code="file_active_content",
        )  # fmt: skip
    if problem == "too large":
        raise ValidationError(
            _("This picture has more than %(limit)s million pixels. Save a smaller copy and "
              "upload that."),
            code="file_too_many_pixels",
            params={"limit": MAX_PIXELS // 1_000_000},
        )  # fmt: skip
    if problem == "damaged":
        raise ValidationError(DAMAGED, code="file_damaged")
