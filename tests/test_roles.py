"""The two roles exist as groups with the permissions each needs, and no more."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction

from core.roles import CITY_STAFF, CONSULATE_LIAISON
from tests.factories import ConsulateFactory, LiaisonFactory

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_city_staff_may_do_everything_with_domain_records():
    domain = set(
        Permission.objects.filter(content_type__app_label__in=["partnerships", "delegations"])
        .exclude(content_type__model="follower")
        # Renewals are written by the lifecycle's *renew* step only (staff read them).
        .exclude(content_type__model="agreementrenewal")
        .values_list("content_type__app_label", "codename")
    )
    assert domain <= codenames(CITY_STAFF)
    assert ("partnerships", "delete_proposal") in codenames(CITY_STAFF)


def test_renewals_are_read_by_staff_and_written_by_the_renew_step_only():
    renewal = {(app, c) for app, c in codenames(CITY_STAFF) if c.endswith("agreementrenewal")}
    assert renewal == {("partnerships", "view_agreementrenewal")}
    assert not {c for _app, c in codenames(CONSULATE_LIAISON) if "renewal" in c}


def test_no_role_may_read_the_addresses_of_email_followers():
    # Staff see how many follow a proposal (on its review page), never who.
    for role in (CITY_STAFF, CONSULATE_LIAISON):
        assert not {codename for app, codename in codenames(role) if "follower" in codename}


def test_city_staff_may_look_users_up_but_not_edit_them():
    staff = codenames(CITY_STAFF)
    assert ("auth", "view_user") in staff
    assert not {("auth", "change_user"), ("auth", "add_user"), ("auth", "change_group")} & staff


def test_liaison_may_read_comment_and_suggest_but_never_delete_or_edit_proposals():
    liaison = codenames(CONSULATE_LIAISON)
    assert {
        ("partnerships", "view_proposal"),
        ("partnerships", "add_comment"),
        ("partnerships", "add_candidatecity"),
    } <= liaison
    assert not any(codename.startswith("delete_") for _, codename in liaison)
    assert ("partnerships", "change_proposal") not in liaison
    assert not any(app == "auth" for app, _ in liaison)


def test_a_user_is_liaison_of_one_consulate_only():
    liaison = LiaisonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LiaisonFactory(user=liaison.user, consulate=ConsulateFactory())


def test_the_groups_hold_exactly_what_the_roles_table_gives():
    from core.roles import ROLES, role_permissions

    for role in ROLES:
        expected = set(role_permissions(role, Permission).values_list("pk", flat=True))
        group = Group.objects.get(name=role.name)
        assert set(group.permissions.values_list("pk", flat=True)) == expected


def test_sync_roles_puts_a_changed_group_right_and_changes_nothing_twice():
    from django.core.management import call_command

    staff = Group.objects.get(name=CITY_STAFF)
    before = set(staff.permissions.all())
    staff.permissions.add(Permission.objects.get(codename="change_user"))
    staff.permissions.remove(Permission.objects.get(codename="view_proposal"))
    Group.objects.filter(name=CONSULATE_LIAISON).delete()

    call_command("sync_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("sync_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert set(staff.permissions.all()) == before
    assert ("partnerships", "view_proposal") in codenames(CONSULATE_LIAISON)


def test_visit_documents_are_staff_records():
    staff = codenames(CITY_STAFF)
    assert {("delegations", f"{verb}_visitdocument") for verb in ("add", "change", "view")} <= staff
