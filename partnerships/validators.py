"""Kept for the migrations that name `partnerships.validators.validate_document_file`; the
validators live in core.validators."""

from core.validators import validate_document_file  # noqa: F401
