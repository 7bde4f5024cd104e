"""Behaviour shared by the portal's admin pages."""


class StampsUserOnCreate:
    """Records the signed-in user as the one who created a row (author, actor, suggested by)."""

    user_field = None

    def save_model(self, request, obj, form, change):
        if not change and getattr(obj, f"{self.user_field}_id") is None:
            setattr(obj, self.user_field, request.user)
        super().save_model(request, obj, form, change)
