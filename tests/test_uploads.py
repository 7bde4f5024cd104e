"""Uploads are judged by their content and size, never by their name alone."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import Document
from partnerships.validators import validate_document_file
from tests.factories import PDF_BYTES, ProposalFactory

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32
WEBP_BYTES = b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 16


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
