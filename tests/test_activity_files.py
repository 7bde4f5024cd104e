"""Documents and photos of an activity: uploaded by staff on the activity's admin page, checked
by content, shown with a public activity when public, and served only through a checked view."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from programmes.models import Activity, ActivityFile
from tests.factories import PDF_BYTES, ProposalFactory, StaffUserFactory
from tests.html_forms import admin_form_data, with_inline_rows
from tests.test_uploads import PNG_BYTES

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def drill():
    partnership = ProposalFactory(active=True, slug="kupang-yamabe")
    return Activity.objects.create(
        partnership=partnership, title="Drill", title_ind="Latihan", kind="training",
        starts_on=datetime.date(2025, 3, 1), ends_on=datetime.date(2025, 3, 2), state="done",
        is_public=True,
    )  # fmt: skip


def upload(client, activity, *rows):
    """Add file rows on the activity's admin page, as "Add another" does, and save."""
    client.force_login(StaffUserFactory())
    url = f"/admin/programmes/activity/{activity.pk}/change/"
    data = with_inline_rows(admin_form_data(client, url, **EN), "files", *rows)
    return client.post(url, data, **EN)


def test_staff_add_a_photo_and_a_document_on_the_activitys_page(client, drill):
    response = upload(
        client, drill,
        {"kind": "photo", "title_ind": "Foto latihan", "is_public": "on",
         "file": SimpleUploadedFile("drill.png", PNG_BYTES)},
        {"kind": "document", "title_ind": "Modul pelatihan",
         "file": SimpleUploadedFile("module.pdf", PDF_BYTES)},
    )  # fmt: skip
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert sorted(drill.files.values_list("kind", "is_public")) == [
        ("document", False),
        ("photo", True),
    ]


@pytest.mark.parametrize(
    "kind, name, content, said",
    [("photo", "drill.pdf", PDF_BYTES, "A photo must be a JPEG, PNG or WebP image."),
     ("document", "notes.png", b"just text, not an image", "not a PDF, JPEG, PNG or WebP")],
)  # fmt: skip
def test_a_file_of_the_wrong_kind_is_refused_by_its_content(client, drill, kind, name, content,
                                                            said):  # fmt: skip
    response = upload(client, drill, {"kind": kind, "title_ind": "Berkas",
                                      "file": SimpleUploadedFile(name, content)})  # fmt: skip
    assert response.status_code == 200
    assert said in response.content.decode()
    assert not ActivityFile.objects.exists()


def stored(activity, kind, public, content=PNG_BYTES, name="photo.png"):
    return ActivityFile.objects.create(
        activity=activity, kind=kind, title=f"{kind} {public}", title_ind=f"{kind} {public}",
        is_public=public, file=ContentFile(content, name=name),
    )  # fmt: skip


def test_only_public_files_of_public_activities_reach_the_public(client, drill):
    shown = stored(drill, "photo", True)
    internal = stored(drill, "document", False, PDF_BYTES, "minutes.pdf")
    hidden_activity = Activity.objects.create(
        partnership=drill.partnership, title="Internal", kind="event", is_public=False,
        starts_on=datetime.date(2025, 4, 1), ends_on=datetime.date(2025, 4, 1),
    )  # fmt: skip
    of_hidden = stored(hidden_activity, "photo", True)
    page = client.get("/en/proposals/kupang-yamabe/").content.decode()
    assert f"/en/register/activity-files/{shown.pk}/" in page
    assert f"activity-files/{internal.pk}/" not in page
    assert f"activity-files/{of_hidden.pk}/" not in page
    served = client.get(f"/en/register/activity-files/{shown.pk}/")
    assert served.status_code == 200 and b"".join(served.streaming_content) == PNG_BYTES
    for unseen in (internal, of_hidden):
        assert client.get(f"/en/register/activity-files/{unseen.pk}/").status_code == 404
    ActivityFile.objects.filter(pk=shown.pk).update(archived_at=drill.created_at)
    assert client.get(f"/en/register/activity-files/{shown.pk}/").status_code == 404
