"""Who may do what: small functions, asked by services and views alike."""

from core.roles import CITY_STAFF


def is_city_staff(user):
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=CITY_STAFF).exists()


def liaison_consulate(user):
    """The consulate this user is liaison of, or None."""
    if not (user.is_authenticated and user.is_active):
        return None
    liaison = getattr(user, "liaison", None)
    return liaison.consulate if liaison else None


def is_liaison_of(user, proposal):
    consulate = liaison_consulate(user)
    return consulate is not None and consulate.pk == proposal.consulate_id


def can_review(user, proposal):
    """Staff, or a liaison of the handling consulate once the offer is made."""
    return is_city_staff(user) or (
        is_liaison_of(user, proposal) and proposal.status != proposal.Status.DRAFT
    )
