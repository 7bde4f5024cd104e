"""Uploads are judged by their content and size, never by their name alone."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from partnerships.models import Document
from partnerships.validators import validate_document_file
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


@pytest.mark.parametrize(
    "name,content",
    [
        ("letter.pdf", PDF_BYTES),
        ("photo.png", PNG_BYTES),
        ("photo.jpg", JPEG_BYTES),
        ("photo.JPEG", JPEG_BYTES),
        ("photo.webp", WEBP_BYTES),
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
        ("photo.png", PNG_BYTES + b"\x00" * 8, "file_damaged"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, "file_damaged"),
        ("photo.jpg", JPEG_BYTES[: len(JPEG_BYTES) // 2], "file_damaged"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + HTML, "file_active_content"),
        ("photo.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 16, "file_damaged"),
        ("photo.webp", WEBP_BYTES + b"trailing", "file_damaged"),
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
