"""Build the POST data an admin change form would send, from the form the admin renders."""


def _value(field, value):
    if value is None:
        return None
    if hasattr(value, "__iter__") and not isinstance(value, str | bytes):
        return [getattr(v, "pk", v) for v in value]
    return getattr(value, "pk", value)


def change_form_data(client, url):
    context = client.get(url).context
    form = context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = _value(field, form.initial.get(name, field.initial))
        if value is None or value is False:
            continue
        data[name] = value
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.initial_forms)
        data[f"{formset.prefix}-INITIAL_FORMS"] = len(formset.initial_forms)
        for child in formset.initial_forms:
            for name, field in child.fields.items():
                value = _value(field, child.initial.get(name, field.initial))
                if value not in (None, False):
                    data[f"{child.prefix}-{name}"] = value
    return data
