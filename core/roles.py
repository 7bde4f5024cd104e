"""The roles, as one table: each role's group and its permissions. `sync_roles` makes the groups
say exactly this (a migration runs it, and `manage.py sync_roles`); no group name is written
anywhere else."""

from dataclasses import dataclass

CITY_STAFF = "City staff"
CONSULATE_LIAISON = "Consulate liaison"


@dataclass(frozen=True)
class Role:
    name: str
    apps: tuple = ()  # every permission of these apps…
    except_models: tuple = ()  # …but those of these models ("app.model")…
    except_permissions: tuple = ()  # …and these ("app.codename");
    permissions: tuple = ()  # and these besides ("app.codename")


ROLES = (
    # Staff manage every domain record. They may look users up (to attach a liaison) but not
    # edit accounts, which would let them grant themselves more rights; they never see the
    # email followers' addresses (a count only); renewals are written by the lifecycle's *renew*
    # step alone, so staff only read them.
    Role(
        CITY_STAFF,
        apps=("partnerships", "delegations", "programmes"),
        except_models=("partnerships.follower", "partnerships.historicalfollower"),
        except_permissions=(
            "partnerships.add_agreementrenewal",
            "partnerships.change_agreementrenewal",
            "partnerships.delete_agreementrenewal",
        ),
        permissions=("auth.view_user",),
    ),
    # Liaisons never enter the admin: the review workspace checks these together with their
    # consulate. They read a proposal's record, discuss it and suggest candidate cities.
    Role(
        CONSULATE_LIAISON,
        permissions=(
            "partnerships.view_proposal",
            "partnerships.view_proposalevent",
            "partnerships.view_candidatecity",
            "partnerships.add_candidatecity",
            "partnerships.change_candidatecity",
            "partnerships.view_comment",
            "partnerships.add_comment",
            "partnerships.view_approval",
            "partnerships.view_document",
            "partnerships.view_partnercity",
            "partnerships.view_focussector",
            "partnerships.view_consulate",
            "delegations.view_visit",
            "delegations.view_commitment",
            "programmes.view_activity",
            "programmes.view_indicator",
            "programmes.view_indicatorvalue",
        ),  # fmt: skip
    ),
)


def _q(labels, field):
    from django.db.models import Q

    query = Q(pk__in=[])
    for label in labels:
        app, name = label.split(".")
        query |= Q(content_type__app_label=app, **{field: name})
    return query


def role_permissions(role, permission_model):
    """The permissions the table gives `role`, from `permission_model` (a migration's own)."""
    granted = permission_model.objects.filter(content_type__app_label__in=role.apps)
    granted = granted.exclude(_q(role.except_models, "content_type__model"))
    granted = granted.exclude(_q(role.except_permissions, "codename"))
    return granted | permission_model.objects.filter(_q(role.permissions, "codename"))


def sync_roles(apps):
    """Make every role's group hold exactly its permissions; idempotent. `apps` is Django's
    registry, or a migration's."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True  # create_permissions skips apps without it
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set(role_permissions(role, Permission))
