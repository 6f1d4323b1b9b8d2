"""The POST body a browser would send for a Wagtail admin form, built from the
form a view rendered (`response.context["form"]`).

Wagtail renders StreamFields in the browser from JSON, so their inputs are not
in the page's HTML; this walks the form's fields, StreamField blocks and
inline formsets the way the admin's JavaScript names its inputs.
"""

import re

from django import forms
from wagtail import blocks
from wagtail.blocks.field_block import ChooserBlock, FieldBlock


def _leaf(value) -> list[str]:
    if value is None:
        return [""]
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def _field_values(bound_field) -> list[str] | None:
    """The values a browser sends for an ordinary form field (None: nothing)."""
    widget = bound_field.field.widget
    value = bound_field.value()
    if isinstance(widget, forms.CheckboxInput):
        return ["on"] if value else None
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.SelectMultiple):
        return [str(item.pk if hasattr(item, "pk") else item) for item in (value or [])]
    if isinstance(widget, forms.FileInput):
        return None
    return _leaf(widget.format_value(value))


def block_data(block, value, prefix: str) -> list[tuple[str, str]]:
    """The inputs of one block's value, named as the admin's JavaScript names them."""
    if isinstance(block, blocks.StreamBlock):
        pairs = [(f"{prefix}-count", str(len(value)))]
        for index, child in enumerate(value):
            child_prefix = f"{prefix}-{index}"
            pairs += [
                (f"{child_prefix}-deleted", ""),
                (f"{child_prefix}-order", str(index)),
                (f"{child_prefix}-type", child.block_type),
                (f"{child_prefix}-id", child.id or ""),
            ]
            pairs += block_data(child.block, child.value, f"{child_prefix}-value")
        return pairs
    if isinstance(block, blocks.ListBlock):
        children = list(value.bound_blocks) if hasattr(value, "bound_blocks") else []
        pairs = [(f"{prefix}-count", str(len(children)))]
        for index, child in enumerate(children):
            child_prefix = f"{prefix}-{index}"
            pairs += [
                (f"{child_prefix}-deleted", ""),
                (f"{child_prefix}-order", str(index)),
                (f"{child_prefix}-id", child.id or ""),
            ]
            pairs += block_data(block.child_block, child.value, f"{child_prefix}-value")
        return pairs
    if isinstance(block, blocks.StructBlock):
        pairs = []
        for name, child_block in block.child_blocks.items():
            pairs += block_data(child_block, value.get(name), f"{prefix}-{name}")
        return pairs
    if isinstance(block, blocks.BooleanBlock):
        return [(prefix, "on")] if value else []
    if isinstance(block, ChooserBlock):
        state = block.get_form_state(value)
        return [(prefix, str(state["id"]) if state else "")]
    if isinstance(block, FieldBlock):
        return [(prefix, item) for item in _leaf(block.get_form_state(value))]
    raise TypeError(f"no serialisation for {type(block).__name__} at {prefix}")


def _formset_data(formset) -> list[tuple[str, str]]:
    pairs = []
    for name, bound_field in formset.management_form.initial.items():
        pairs.append((formset.management_form.add_prefix(name), str(bound_field)))
    for form in formset.forms:
        pairs += form_data(form)
    return pairs


def form_data(form) -> list[tuple[str, str]]:
    """Every (name, value) pair a browser would post for `form` as rendered."""
    pairs = []
    for name, field in form.fields.items():
        bound_field = form[name]
        if hasattr(field, "block"):  # a StreamField's BlockField
            pairs += block_data(field.block, bound_field.value(), bound_field.html_name)
            continue
        values = _field_values(bound_field)
        for value in values or []:
            pairs.append((bound_field.html_name, value))
    for formset in getattr(form, "formsets", {}).values():
        pairs += _formset_data(formset)
    return pairs


def field_shapes(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """One field name per shape: `body-3-value-text` and `body-4-value-text`
    are the same field of two blocks. Maps each shape to its first name."""
    shapes: dict[str, str] = {}
    for name, _value in pairs:
        shapes.setdefault(re.sub(r"-\d+-", "-N-", name), name)
    return shapes
