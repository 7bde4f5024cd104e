"""Uploaded files leave the portal only through views that first check who may see them; the
media folder itself is never served (it holds unpublished letters and decisions)."""

from django.http import FileResponse, Http404


def serve_file(field_file):
    """The stored file of a record the caller has already allowed; 404 when it is gone."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, filename=field_file.name.rsplit("/")[-1])
