"""What the portal keeps about an address that follows proposals by email, for the person behind
it (UU 27/2022: to be told, to obtain it, to have it erased): a page listing it, the same as JSON,
and erasure of it all at once. Every follow mail links here with a token signed for the address,
so a mail's holder sees that address's data only; nothing here shows any other address."""

import json

from django.core import signing
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from .follows import normalised
from .models import Follower, Proposal

DATA_SALT = "portal.follow.data"


def data_token(email):
    return signing.dumps({"e": normalised(email)}, salt=DATA_SALT)


def kept_about(email):
    return Follower.objects.filter(email=email).select_related("proposal").order_by("asked_at")


def _moment(value):
    return value.isoformat() if value else None


def as_record(email):
    """Everything kept about the address, as a program reads it."""
    return {
        "email": email,
        "follows": [
            {
                "proposal": f.proposal.reference,
                "language": f.language,
                "asked_at": _moment(f.asked_at),
                "confirmed_at": _moment(f.confirmed_at),
                "left_at": _moment(f.left_at),
            }
            for f in kept_about(email)
        ],  # fmt: skip
        "exported_at": _moment(timezone.now().replace(microsecond=0)),
    }


def _address(request, token):
    """The address a link is for, or None (the caller answers with the refused-link page)."""
    try:
        return signing.loads(token, salt=DATA_SALT)["e"]
    except (signing.BadSignature, KeyError, TypeError):
        return None


def _refused(request):
    return render(request, "partnerships/follow_link_refused.html", {}, status=400)


@never_cache
@require_safe
def follower_data(request, token):
    email = _address(request, token)
    if email is None:
        return _refused(request)
    follows = list(kept_about(email))
    public = set(Proposal.objects.public().filter(pk__in=[f.proposal_id for f in follows])
                 .values_list("pk", flat=True))  # fmt: skip
    context = {"email": email, "token": token,
               "follows": [(f, f.proposal_id in public) for f in follows]}  # fmt: skip
    return render(request, "partnerships/follower_data.html", context)


@never_cache
@require_safe
def follower_data_json(request, token):
    email = _address(request, token)
    if email is None:
        return _refused(request)
    response = HttpResponse(json.dumps(as_record(email), ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")  # fmt: skip
    response["Content-Disposition"] = 'attachment; filename="kupang-portal-my-data.json"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def follower_erase(request, token):
    """A GET asks (mail scanners open links); the button's POST erases every row of the
    address: each proposal it follows, asked to follow or left."""
    email = _address(request, token)
    if email is None:
        return _refused(request)
    if request.method == "POST":
        erased, _by_model = Follower.objects.filter(email=email).delete()
        return render(request, "partnerships/follower_erased.html", {"erased": erased})
    context = {"count": kept_about(email).count(), "token": token}
    return render(request, "partnerships/follower_erase.html", context)
