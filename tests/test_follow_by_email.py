"""A citizen follows one proposal by email: asks on the proposal page, confirms through the
signed link, gets each public step in the language chosen, and leaves with one click."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from partnerships import follows, services
from partnerships.models import Follower, ProposalEvent
from tests.factories import ProposalFactory, StaffUserFactory
from tests.html_forms import read_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def offer():
    return ProposalFactory(offered=True, slug="kupang-offer", reference="KPG-2023-001",
                           title_en="Kupang's offer", title_ja="クパン市の提案")  # fmt: skip


def ask(client, proposal, email, language=None, page_language="en", **headers):
    """Fill in the form as the proposal page renders it, and send it."""
    page = client.get(f"/{page_language}/proposals/{proposal.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    data = read_form(html, "follow-form")
    action = re.search(r'<form method="post" action="([^"]+)"[^>]*id="follow-form"', html)[1]
    data["email"] = email
    if language:
        data["language"] = language
    return client.post(action, data, **headers)


def link_in(message, name):
    return re.search(rf"https?://\S+/{name}/\S+/", message.body)[0]


def path_of(link):
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def confirm(client, message):
    path = path_of(link_in(message, "follow/confirm"))
    page = client.get(path)
    assert page.status_code == 200 and 'type="submit"' in page.content.decode()
    return client.post(path, read_form(page.content.decode()))


def public_step(proposal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_explore(proposal=proposal, by=StaffUserFactory(), note="Tokyo answered.")
    return ProposalEvent.objects.filter(proposal=proposal).latest("occurred_at", "pk")


def test_follow_confirm_receive_and_leave(client, offer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, offer, "Reader@Example.org", language="ja")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    (asking,) = mail.outbox
    assert asking.to == ["reader@example.org"]
    assert "KPG-2023-001" in asking.subject and "確認" in asking.subject  # Japanese, as chosen
    follower = Follower.objects.get()
    assert not follower.is_active  # nothing is sent before the link is opened

    # Opening the link only asks; the button confirms.
    path = path_of(link_in(asking, "follow/confirm"))
    client.get(path)
    follower.refresh_from_db()
    assert follower.confirmed_at is None
    done = confirm(client, asking)
    assert done.status_code == 200
    follower.refresh_from_db()
    assert follower.is_active

    mail.outbox.clear()
    event = public_step(offer, django_capture_on_commit_callbacks)
    (news,) = [m for m in mail.outbox if m.to == ["reader@example.org"]]
    assert news.subject.startswith("[KPG-2023-001]")
    with_japanese_title = event.title_ja
    assert with_japanese_title and with_japanese_title in news.subject
    leave_link = link_in(news, "follow/leave")
    assert news.extra_headers["List-Unsubscribe"] == f"<{leave_link}>"
    assert news.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The mail program's one-click leave: a POST with no token of ours.
    assert client.post(path_of(leave_link)).status_code == 200
    follower.refresh_from_db()
    assert follower.left_at is not None and not follower.is_active
    mail.outbox.clear()
    public_step_again(offer, django_capture_on_commit_callbacks)
    assert [m for m in mail.outbox if m.to == ["reader@example.org"]] == []
    assert Follower.objects.count() == 1  # leaving keeps the record of consent


def recorded_step(**fields):
    """A timeline event recorded as the workflow and the admin record one: created, then
    handed to the followers' mail."""
    event = ProposalEvent.objects.create(**fields)
    follows.step_recorded(event)
    return event


def public_step_again(proposal, capture):
    with capture(execute=True):
        recorded_step(proposal=proposal, title="Note", is_public=True)


def test_each_step_is_mailed_once(client, offer, django_capture_on_commit_callbacks):
    Follower.objects.create(proposal=offer, email="a@example.org", confirmed_at=timezone.now())
    event = public_step(offer, django_capture_on_commit_callbacks)
    assert len([m for m in mail.outbox if m.to == ["a@example.org"]]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        event.note = "Tokyo answered, with three cities."
        event.save()
    assert follows.tell_followers.call(event_pk=event.pk) == 0
    assert len([m for m in mail.outbox if m.to == ["a@example.org"]]) == 1


def test_internal_steps_and_unpublished_proposals_are_not_mailed(
    offer, django_capture_on_commit_callbacks
):
    Follower.objects.create(proposal=offer, email="a@example.org", confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        recorded_step(proposal=offer, title="Internal", is_public=False)
    assert mail.outbox == []
    offer.published = False
    offer.save()
    with django_capture_on_commit_callbacks(execute=True):
        recorded_step(proposal=offer, title="Public", is_public=True)
    assert mail.outbox == []


def test_unconfirmed_and_departed_addresses_get_nothing(offer, django_capture_on_commit_callbacks):
    Follower.objects.create(proposal=offer, email="asked@example.org")
    Follower.objects.create(proposal=offer, email="left@example.org",
                            confirmed_at=timezone.now(), left_at=timezone.now())  # fmt: skip
    public_step(offer, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_an_expired_confirmation_link_is_refused(client, offer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, offer, "late@example.org")
    path = path_of(link_in(mail.outbox[0], "follow/confirm"))
    later = timezone.now() + follows.CONFIRM_WITHIN + timedelta(minutes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        response = client.post(path)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert Follower.objects.get().confirmed_at is None


@pytest.mark.parametrize("kind", ["confirm", "leave"])
def test_forged_or_altered_links_are_refused(client, offer, kind):
    follower = Follower.objects.create(proposal=offer, email="a@example.org",
                                       confirmed_at=timezone.now())  # fmt: skip
    token = follows.confirm_token(follower) if kind == "confirm" else follows.leave_token(follower)
    other = Follower.objects.create(proposal=offer, email="b@example.org",
                                    confirmed_at=timezone.now())  # fmt: skip
    # The same payload for another follower, with the first one's signature.
    payload, signature = token.split(":", 1)
    forged_payload = follows.leave_token(other).split(":", 1)[0]
    for forged in (f"{forged_payload}:{signature}", token[:-2] + "xx", "nonsense"):
        response = client.post(f"/en/follow/{kind}/{forged}/")
        assert response.status_code == 400, forged
        assert "This link does not work" in response.content.decode()
    # A confirmation link does not work as a leave link, nor the reverse.
    wrong = "leave" if kind == "confirm" else "confirm"
    assert client.post(f"/en/follow/{wrong}/{token}/").status_code == 400
    other.refresh_from_db()
    follower.refresh_from_db()
    assert other.left_at is None and follower.left_at is None


def test_asking_is_throttled_per_address_and_per_client(
    client, offer, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_FOLLOW_LIMIT_PER_ADDRESS = 2
    settings.PORTAL_FOLLOW_LIMIT_PER_CLIENT = 4
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            assert ask(client, offer, "same@example.org").status_code == 302
        refused = ask(client, offer, "SAME@example.org")
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(2):
            assert ask(client, offer, f"other{number}@example.org").status_code == 302
        assert ask(client, offer, "yet-another@example.org").status_code == 429
    # Another client is not held back by the first one's count.
    assert ask(client, offer, "fresh@example.org", REMOTE_ADDR="203.0.113.9").status_code == 302
    assert len(mail.outbox) == 4


def test_a_wrong_address_is_sent_back_with_a_clear_error_and_kept(client, offer):
    response = ask(client, offer, "not-an-address", language="ja")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert 'value="not-an-address"' in html
    assert re.search(r'<option value="ja" selected>', html)
    assert not Follower.objects.exists()


def test_a_form_sent_from_another_site_is_refused(client, offer):
    response = ask(client, offer, "a@example.org", HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not Follower.objects.exists()


def test_asking_again_tells_nothing_about_whether_the_address_follows(
    client, offer, django_capture_on_commit_callbacks
):
    Follower.objects.create(proposal=offer, email="known@example.org",
                            confirmed_at=timezone.now())  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        known = ask(client, offer, "known@example.org")
        unknown = ask(client, offer, "unknown@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["unknown@example.org"]]


def test_the_address_is_never_shown_and_staff_see_a_count(
    client, offer, django_capture_on_commit_callbacks
):
    Follower.objects.create(proposal=offer, email="secret-reader@example.org",
                            confirmed_at=timezone.now())  # fmt: skip
    for path in (
        f"/en/proposals/{offer.slug}/",
        f"/en/proposals/{offer.slug}/follow/",
        f"/en/proposals/{offer.slug}/follow/sent/",
        "/en/open-data/proposals.csv",
        "/en/open-data/proposals.json",
        f"/en/proposals/{offer.slug}/updates.atom",
    ):
        response = client.get(path)
        body = b"".join(response) if response.streaming else response.content
        assert b"secret-reader" not in body, path
    client.force_login(StaffUserFactory())
    review = client.get(f"/en/review/{offer.reference}/").content.decode()
    assert "1 citizen follows the public steps by email." in review
    assert "secret-reader" not in review


def test_the_proposal_page_stays_one_cached_page_for_everyone(client, offer):
    first = client.get(f"/en/proposals/{offer.slug}/")
    assert 'id="follow-form"' in first.content.decode()
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert not first.cookies


def test_a_form_that_loaded_the_step_before_it_was_mailed_does_not_mail_it_again(
    offer, django_capture_on_commit_callbacks
):
    Follower.objects.create(proposal=offer, email="a@example.org", confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=False) as queued:
        event = recorded_step(proposal=offer, title="Step", is_public=True)
    stale = ProposalEvent.objects.get(pk=event.pk)  # an admin form, opened now
    for callback in queued:
        callback()  # the mail goes out and the step is marked
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        stale.note = "A typo fixed."
        stale.save()  # writes every column it loaded... but not the mark
    stale.refresh_from_db()
    assert stale.followers_told_at is not None and stale.note == "A typo fixed."
    assert len(mail.outbox) == 1


def test_steps_recorded_while_notices_are_paused_are_never_news(
    offer, django_capture_on_commit_callbacks
):
    from core.mail import notifications_paused

    Follower.objects.create(proposal=offer, email="a@example.org", confirmed_at=timezone.now())
    with notifications_paused(), django_capture_on_commit_callbacks(execute=True):
        event = recorded_step(proposal=offer, title="History", is_public=True)
    with django_capture_on_commit_callbacks(execute=True):
        event.refresh_from_db()
        event.note = "Edited later."
        event.save()
    assert mail.outbox == []


def test_a_step_that_was_not_news_when_recorded_is_not_mailed_when_edited(
    offer, django_capture_on_commit_callbacks
):
    Follower.objects.create(proposal=offer, email="a@example.org", confirmed_at=timezone.now())
    offer.published = False
    offer.save()
    with django_capture_on_commit_callbacks(execute=True):
        event = recorded_step(proposal=offer, title="Quiet", is_public=True)
    offer.published = True
    offer.save()
    with django_capture_on_commit_callbacks(execute=True):
        event.refresh_from_db()
        event.note = "Edited after publishing."
        event.save()
    assert mail.outbox == []


def test_spellings_of_one_mailbox_share_one_count(client, offer, settings):
    settings.PORTAL_FOLLOW_LIMIT_PER_ADDRESS = 2
    assert ask(client, offer, "Reader@Example.org").status_code == 302
    assert ask(client, offer, "reader+portal@example.org").status_code == 302
    assert ask(client, offer, "READER+other@EXAMPLE.ORG").status_code == 429
    assert follows.throttle_key("a@bücher.example") == follows.throttle_key(
        "a@xn--bcher-kva.example"
    )


def test_a_form_from_a_page_with_no_origin_of_its_own_is_refused(client, offer):
    # Sandboxed frames and data: pages send "Origin: null".
    assert ask(client, offer, "a@example.org", HTTP_ORIGIN="null").status_code == 403
    cross = ask(client, offer, "a@example.org", HTTP_SEC_FETCH_SITE="cross-site")
    assert cross.status_code == 403
    assert not Follower.objects.exists()


def test_links_of_an_earlier_subscription_do_not_act_on_a_later_one(
    client, offer, django_capture_on_commit_callbacks
):
    follower = Follower.objects.create(
        proposal=offer, email="a@example.org", confirmed_at=timezone.now(),
        asked_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    old_confirm, old_leave = follows.confirm_token(follower), follows.leave_token(follower)
    follows.leave(follower)
    # After leaving, the old confirmation link (still within its days) does not re-enrol.
    assert client.post(f"/en/follow/confirm/{old_confirm}/").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, offer, "a@example.org")
    confirm(client, mail.outbox[-1])
    follower.refresh_from_db()
    assert follower.is_active
    # The leave link of the first subscription does not end the second.
    assert client.post(f"/en/follow/leave/{old_leave}/").status_code == 400
    follower.refresh_from_db()
    assert follower.is_active


def test_the_pages_of_following_are_never_kept_by_a_browser_or_a_proxy(client, offer):
    follower = Follower.objects.create(proposal=offer, email="a@example.org")
    for path in (f"/en/proposals/{offer.slug}/follow/", f"/en/proposals/{offer.slug}/follow/sent/",
                 f"/en/follow/confirm/{follows.confirm_token(follower)}/",
                 f"/en/follow/leave/{follows.leave_token(follower)}/"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_a_refused_address_is_not_written_to_the_log(
    client, offer, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingBackend"
    Follower.objects.create(proposal=offer, email="gone@example.org", confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, offer, "typo@example.org")
        recorded_step(proposal=offer, title="Step", is_public=True)
    assert "SMTPRecipientsRefused" in caplog.text
    assert "typo@example.org" not in caplog.text and "gone@example.org" not in caplog.text


def test_no_mail_leaves_from_a_model_signal(offer, django_capture_on_commit_callbacks):
    """Mail is queued by what records a step, never by saving a row: a row written by a data
    fix or a migration tells nobody."""
    Follower.objects.create(proposal=offer, email="a@example.org", confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        ProposalEvent.objects.create(proposal=offer, title="Saved, not recorded", is_public=True)
    assert mail.outbox == []


def test_a_public_note_staff_add_in_the_admin_is_mailed(
    staff_client, offer, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.html_forms import admin_form_data

    Follower.objects.create(proposal=offer, email="a@example.org", confirmed_at=timezone.now())
    url = reverse("admin:partnerships_proposalevent_add")
    data = {
        **admin_form_data(staff_client, url),
        **{"proposal": offer.pk, "title_ind": "Tokyo menjawab", "is_public": "on"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_a_step_made_public_later_in_the_admin_is_mailed_once(
    staff_client, offer, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.html_forms import admin_form_data

    Follower.objects.create(proposal=offer, email="a@example.org", confirmed_at=timezone.now())
    internal = recorded_step(proposal=offer, title="Quiet step", is_public=False)
    url = reverse("admin:partnerships_proposalevent_change", args=[internal.pk])
    data = {**admin_form_data(staff_client, url), "is_public": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, data).status_code == 302
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, data).status_code == 302  # saved again: no news
    assert len(mail.outbox) == 1
