"""Uploads are judged by their content and size, never by their name alone."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.validators import validate_document_file
from partnerships.models import Document
from tests.factories import PDF_BYTES, ProposalFactory
from tests.html_forms import admin_form_data


def picture(fmt):
    encoded = io.BytesIO()
    Image.new("RGB", (16, 12), "teal").save(encoded, fmt)
    return encoded.getvalue()


PNG_BYTES = picture("PNG")
JPEG_BYTES = picture("JPEG")
WEBP_BYTES = picture("WEBP")
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def photo(**options):
    encoded = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(encoded, "JPEG", **options)
    return encoded.getvalue()


def phone_photo():
    """A JPEG with a second picture inside (MPO), as phones save HDR and portrait shots."""
    encoded = io.BytesIO()
    first, second = Image.new("RGB", (32, 24), "red"), Image.new("RGB", (32, 24), "blue")
    first.save(encoded, "MPO", save_all=True, append_images=[second])
    return encoded.getvalue()


def exif_photo():
    exif = Image.Exif()
    exif[0x010F] = "Kupang City Hall camera"  # Make
    return photo(exif=exif)


def updated_pdf():
    """A PDF saved again by a program that appends its changes (an incremental update)."""
    xref = PDF_BYTES.rindex(b"startxref")
    update = b"6 0 obj\n<< /Producer (Kupang office) >>\nendobj\n"
    offset = len(PDF_BYTES)
    new_xref = offset + len(update)
    return (PDF_BYTES + update + b"xref\n6 1\n%010d 00000 n \n" % offset
            + b"trailer\n<< /Size 7 /Root 1 0 R /Prev %d /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (int(PDF_BYTES[xref + 10:].split()[0]), new_xref))  # fmt: skip


def pdf_with_startxref_off_by(shift):
    head, _, tail = PDF_BYTES.rpartition(b"startxref\n")
    offset, rest = tail.split(b"\n", 1)
    return head + b"startxref\n" + str(int(offset) + shift).encode() + b"\n" + rest


@pytest.mark.parametrize(
    "name,content",
    [
        ("letter.pdf", PDF_BYTES),
        ("photo.png", PNG_BYTES),
        ("photo.jpg", JPEG_BYTES),
        ("photo.JPEG", JPEG_BYTES),
        ("photo.webp", WEBP_BYTES),
        # What ordinary programs and cameras write.
        ("letter.pdf", PDF_BYTES + b"\r\n"),
        ("letter.pdf", PDF_BYTES + b"\x0c\x1a"),
        ("letter.pdf", updated_pdf()),
        ("letter.pdf", pdf_with_startxref_off_by(2)),
        ("photo.jpg", photo(progressive=True)),
        ("photo.jpg", exif_photo()),
        ("photo.jpg", phone_photo()),
        ("photo.jpg", JPEG_BYTES + b"SEFT trailer a phone adds" + b"\x00" * 64),
        ("photo.png", PNG_BYTES + b"\n"),
        ("photo.webp", WEBP_BYTES + b"\x00\x00"),
    ],
)
def test_accepts_real_documents_and_photos(name, content):
    validate_document_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("letter.pdf", b"just some text pretending to be a PDF", "file_type"),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n", "file_type"),
        ("page.html", b"<html><script>alert(1)</script></html>", "file_type"),
        ("riff.webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", "file_type"),
        ("photo.png", PDF_BYTES, "file_extension_mismatch"),
        ("letter", PDF_BYTES, "file_extension_mismatch"),
        # Right first bytes, wrong rest: what a check of the first bytes alone let through.
        ("letter.pdf", b"%PDF-1.4\n" + HTML, "file_active_content"),
        ("letter.pdf", b"%PDF-1.4\n" + b"x" * 2048 + b"\n%%EOF\n", "file_damaged"),
        ("letter.pdf", PDF_BYTES[: len(PDF_BYTES) // 2], "file_damaged"),
        ("letter.pdf", PDF_BYTES + b"\n" + HTML, "file_active_content"),
        ("letter.pdf", PDF_BYTES + b"PK\x03\x04 a zip riding along", "file_damaged"),
        (
            "letter.pdf",
            PDF_BYTES.replace(
                b"/Type /Catalog",
                b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
            ),
            "file_active_content",
        ),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "file_damaged"),
        ("photo.png", PNG_BYTES[:-20], "file_damaged"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "file_damaged"),
        ("photo.jpg", JPEG_BYTES[: len(JPEG_BYTES) // 2], "file_damaged"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + HTML, "file_active_content"),
        ("photo.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 16, "file_damaged"),
        ("photo.webp", WEBP_BYTES[:-10], "file_damaged"),
        ("photo.jpg", JPEG_BYTES + b"\n<script>alert(1)</script>", "file_active_content"),
        (
            "letter.pdf",
            PDF_BYTES.replace(
                b"/Type /Catalog",
                b"/Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>",
            ),
            "file_active_content",
        ),
        (
            "letter.pdf",
            PDF_BYTES.replace(
                b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /#4caunch /F (cmd.exe) >>"
            ),
            "file_active_content",
        ),
        (
            "letter.pdf",
            PDF_BYTES.replace(
                b"/Type /Catalog", b"/Type /Catalog /AcroForm << /XFA [(template) 1 0 R] >>"
            ),
            "file_active_content",
        ),
    ],
)
def test_refuses_files_whose_content_is_not_what_is_allowed(name, content, code):
    with pytest.raises(ValidationError) as refusal:
        validate_document_file(SimpleUploadedFile(name, content))
    assert refusal.value.code == code


def test_refuses_files_over_the_size_limit(settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2048)
    with pytest.raises(ValidationError) as refusal:
        validate_document_file(big)
    assert refusal.value.code == "file_too_large"


def test_validation_leaves_the_file_readable_from_the_start():
    upload = SimpleUploadedFile("letter.pdf", PDF_BYTES)
    validate_document_file(upload)
    assert upload.read() == PDF_BYTES


@pytest.mark.django_db
def test_admin_refuses_a_fake_pdf_with_a_clear_message(staff_client):
    proposal = ProposalFactory(offered=True)
    url = reverse("admin:partnerships_document_add")
    fake = SimpleUploadedFile("letter.pdf", b"not a pdf at all", content_type="application/pdf")

    response = staff_client.post(
        url,
        {"proposal": proposal.pk, "kind": "letter_of_intent", "title_ind": "Surat", "file": fake},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "This file is not a PDF, JPEG, PNG or WebP document." in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_admin_stores_a_real_pdf(staff_client, settings):
    proposal = ProposalFactory(offered=True)
    url = reverse("admin:partnerships_document_add")
    real = SimpleUploadedFile("letter.pdf", PDF_BYTES, content_type="application/pdf")

    response = staff_client.post(
        url,
        {"proposal": proposal.pk, "kind": "letter_of_intent", "title_ind": "Surat", "file": real},
    )

    assert response.status_code == 302
    stored = Document.objects.get()
    assert stored.file.read() == PDF_BYTES
    assert stored.file.path.startswith(str(settings.MEDIA_ROOT))


@pytest.mark.django_db
def test_admin_refuses_a_polyglot_and_keeps_what_was_typed(staff_client):
    proposal = ProposalFactory(offered=True)
    url = reverse("admin:partnerships_document_add")
    data = admin_form_data(staff_client, url)
    data.update(proposal=str(proposal.pk), kind="letter_of_intent", title_ind="Surat niat Kupang")
    data["file"] = SimpleUploadedFile("letter.pdf", b"%PDF-1.7\n" + HTML)

    response = staff_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    page = response.content.decode()
    assert "also contains web-page or script content" in page
    assert 'value="Surat niat Kupang"' in page
    assert not Document.objects.exists()


def test_a_picture_too_large_to_decode_is_refused_before_it_is_decoded():
    encoded = io.BytesIO()
    Image.new("1", (8000, 8000)).save(encoded, "PNG")  # 64 million pixels in a few kilobytes
    with pytest.raises(ValidationError) as refusal:
        validate_document_file(SimpleUploadedFile("plan.png", encoded.getvalue()))
    assert refusal.value.code == "file_too_many_pixels"


@pytest.mark.django_db
def test_a_stored_file_is_not_judged_again_when_other_fields_are_edited(staff_client):
    from tests.factories import DocumentFactory

    document = DocumentFactory(title="Old letter")
    # A file stored before today's checks, which they would refuse; and then lost from disk.
    Document.objects.filter(pk=document.pk).update(file="documents/2023/missing.pdf")
    url = reverse("admin:partnerships_document_change", args=[document.pk])
    data = admin_form_data(staff_client, url)
    data["title_ind"] = "Surat lama"

    response = staff_client.post(url, data)

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title_ind == "Surat lama"
