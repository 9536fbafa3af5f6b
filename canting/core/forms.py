"""Form pieces shared by every app: number fields read the way people type them, the cascading area picker
(province -> city -> district -> village) of forms, and the area filter of lists and dashboards, which chooses an
area the same way, level by level."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth import forms as auth_forms
from django.db import models
from django.db.models import Q
from django.forms.models import ModelFormMetaclass
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from canting.core.models import Area, AreaLevel, User
from canting.core.numbers import example, not_whole, parse_number, show
from canting.core.scope import steps_towards, within

AREA_STEPS = ("province", "regency", "district", "village")
AREA_LABELS = {
    "province": _("Province"),
    "regency": _("Regency / city"),
    "district": _("District (kecamatan)"),
    "village": _("Village (kelurahan / desa)"),
}


def style_widgets(form: forms.BaseForm) -> None:
    """Give every widget its Bootstrap class, so templates render fields plainly."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput,)):
            css = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "form-select"
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        else:
            css = "form-control"
        existing = widget.attrs.get("class", "")
        if css not in existing:
            widget.attrs["class"] = f"{existing} {css}".strip()


class _TypedNumber:
    """What both number fields share: a text input read by :func:`parse_number` in the page's language."""

    widget = forms.TextInput
    whole = True

    def __init__(self, *, grouped: bool = True, **kwargs: Any) -> None:
        self.grouped = grouped  # a year shows as 2026, not 2.026
        super().__init__(**kwargs)

    def parse(self, value: Any) -> Decimal | None:
        if value in (None, "") or (isinstance(value, str) and not value.strip()):
            return None
        number = Decimal(value) if isinstance(value, (int, Decimal)) else parse_number(str(value), whole=self.whole)
        # 2,50 is 2,5: trailing zeros are not decimal places the person asked for.
        return number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return show(value) if self.grouped else str(value)
        return value

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # A text input: a number input would refuse "7.500.000" in the browser before the server could read it.
        return {"inputmode": "numeric" if self.whole else "decimal", "autocomplete": "off"}


class WholeNumberField(_TypedNumber, forms.IntegerField):
    """A count or a rupiah amount: 1.000 and 7.500.000 in Indonesian, 1,000 in English; never a decimal part."""

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        number = self.parse(value)
        if number is not None and number != number.to_integral_value():
            raise not_whole()
        return None if number is None else int(number)


class NumberField(_TypedNumber, forms.DecimalField):
    """A quantity, weight, rate or price: 2,5 and 1.250,75 in Indonesian, 2.5 and 1,250.75 in English.

    With ``decimal_places=0`` (rupiah) it reads like :class:`WholeNumberField`.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.whole = self.decimal_places == 0

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        return self.parse(value)

    def validate(self, value: Any) -> None:
        super().validate(value)
        places = self.decimal_places
        if value is not None and places is not None and int(value.as_tuple().exponent) < -places:
            raise forms.ValidationError(
                gettext("Write at most %(places)s digits after the decimal separator, like %(example)s.")
                % {"places": places, "example": example(whole=False)},
                code="max_decimal_places",
            )


def number_formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:  # type: ignore[type-arg]
    """The form field of a model field, with every number read by the shared number fields."""
    if not field.choices and not isinstance(field, models.AutoField):
        if "year" in field.name.split("_"):
            kwargs.setdefault("grouped", False)
        if isinstance(field, models.DecimalField):
            kwargs.setdefault("form_class", NumberField)
        elif isinstance(field, models.IntegerField):
            kwargs.setdefault("form_class", WholeNumberField)
    return field.formfield(**kwargs)


class _NumberFieldsMetaclass(ModelFormMetaclass):
    """Gives every model form the shared number fields, unless its Meta names its own callback."""

    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> Any:
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = number_formfield
        return super().__new__(mcs, name, bases, attrs)


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ServiceModelForm(forms.ModelForm, metaclass=_NumberFieldsMetaclass):  # type: ignore[type-arg]
    """A model form whose cleaned values go to a service instead of being saved by the form.

    Its number fields are the shared :class:`NumberField` and :class:`WholeNumberField`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def cleaned_data_for_model(self) -> dict[str, Any]:
        names = self._meta.fields or []
        data = {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}
        # A cleared file input says False; the model stores no file as an empty name.
        return {
            name: "" if value is False and isinstance(self.fields[name], forms.FileField) else value
            for name, value in data.items()
        }


# Mixins below are used with Django forms; type checkers see them as forms so attribute access is checked.
_FormBase = forms.BaseForm if TYPE_CHECKING else object


class AreaCascadeMixin(_FormBase):  # type: ignore[misc,valid-type]
    """Adds province, regency and district selects above a form's ``village`` field.

    Each select asks the server (HTMX) for the options of the next one; only the village is stored, the other three
    steer the choice. Options are limited to the children of what is selected, so a village from another district
    can never pass validation.
    """

    area_required = True

    def setup_area_fields(self, village: Area | str | None = None, *, scope: str = "") -> None:
        """``scope``: an officer's area code; the selects then offer only the way to it and the places inside."""
        chosen = self._chosen_codes(village)
        new_fields: dict[str, forms.Field] = {}
        parent: str | None = None
        for level, step in enumerate(AREA_STEPS, start=1):
            queryset = steps_towards(scope, Area.objects.filter(level=level).only("code", "name"))
            if level > 1:
                queryset = queryset.filter(parent_id=parent) if parent else queryset.none()
            field = forms.ModelChoiceField(
                queryset=queryset,
                label=AREA_LABELS[step],
                required=self.area_required,
                empty_label="---------",
                initial=chosen.get(step),
            )
            if step != "village":
                field.widget.attrs.update(
                    {
                        "hx-get": reverse_lazy("area-options"),
                        "hx-trigger": "change",
                        "hx-include": "this",
                        "hx-target": f"#id_{self.add_prefix(AREA_STEPS[level])}",  # type: ignore[attr-defined]
                        "hx-swap": "innerHTML",
                    }
                )
            new_fields[step] = field
            parent = chosen.get(step)
        # Put the four selects where the village field stood, in order.
        ordered: dict[str, forms.Field] = {}
        for name, existing in self.fields.items():  # type: ignore[has-type]
            if name == "village":
                ordered.update(new_fields)
            elif name not in new_fields:
                ordered[name] = existing
        if "village" not in ordered:
            ordered.update(new_fields)
        self.fields = ordered
        style_widgets(self)  # type: ignore[arg-type]

    def _chosen_codes(self, village: Area | str | None) -> dict[str, str]:
        if self.data:
            return {step: self.data.get(self.add_prefix(step)) or "" for step in AREA_STEPS}  # type: ignore[attr-defined]
        code = village.code if isinstance(village, Area) else (village or "")
        if not code:
            return {}
        parts = code.split(".")
        return {step: ".".join(parts[: i + 1]) for i, step in enumerate(AREA_STEPS) if i < len(parts)}


def area_options(parent_code: str, level: int, scope: str = "") -> list[tuple[str, str]]:
    areas = steps_towards(scope, Area.objects.filter(parent_id=parent_code, level=level))
    return list(areas.values_list("code", "name").order_by("name"))


LEVEL_OF_STEP = {step: level for level, step in enumerate(AREA_STEPS, start=1)}


# --- the area filter ----------------------------------------------------------------------------------------------
# A filter's name as it may come back in the cascade's request (a form field's name).
FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,40}$")


def level_of(code: str) -> int:
    """'35' -> 1, '35.76' -> 2, '35.76.02' -> 3, '35.76.02.1001' -> 4."""
    return code.count(".") + 1 if code else 0


def resolve_cascade(values: Sequence[str | None]) -> str:
    """The area chosen in a cascade of selects sent in page order (province first): the deepest value that lies in
    the one above it. An empty select ("all") ends the choice, and so does a value that no longer lies in the one
    above (a district left from before the city was changed). One value alone (``?area=35.76.02``, as the API and
    links send it) is taken as it is."""
    chosen = ""
    for value in values:
        value = (value or "").strip()
        if not value or (chosen and not value.startswith(chosen + ".")):
            break
        chosen = value
    return chosen


class AreaCascadeWidget(forms.Widget):
    """Selects for an area code, level by level: the places at the top (provinces, or those inside an officer's
    area), then the children of each place chosen, and one more select for the level below the deepest choice.

    A page never lists more than one place's children per level (at most a few hundred options), whatever the
    country holds. Every select carries the same name; the choice is read back by :func:`resolve_cascade`. With
    JavaScript, choosing in one select asks the server (HTMX) for the cascade again, so the next level appears at
    once; without it, the next level appears once the filter is applied.
    """

    scope = ""  # the officer's area: the cascade starts below it

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str:
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return resolve_cascade(values)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        return render_area_cascade(name, str(value or ""), self.scope)


def _chain(code: str, scope: str) -> list[str]:
    """The codes from just below ``scope`` down to ``code``: the choices of each select shown."""
    if not code or not within(scope, code) or code == scope:
        return []
    parts = code.split(".")
    return [".".join(parts[:depth]) for depth in range(level_of(scope) + 1, len(parts) + 1)]


def render_area_cascade(name: str, code: str, scope: str = "") -> SafeString:
    """The cascade's HTML for the area ``code`` ('' for none), in one query for all its options."""
    chain = _chain(code, scope)
    top = level_of(scope) + 1
    if top > AreaLevel.VILLAGE:
        return SafeString("")  # an officer of one village has nothing to choose
    parents = [scope or None, *chain][: AreaLevel.VILLAGE - top + 1]
    wanted = Q(parent_id__in=[p for p in parents if p]) | (Q(level=1) if not scope else Q(pk__in=[]))
    options: dict[str | None, list[tuple[str, str]]] = {}
    for area_code, area_name, above in (
        Area.objects.filter(wanted).order_by("name", "code").values_list("code", "name", "parent_id")
    ):
        options.setdefault(above, []).append((area_code, area_name))
    url = reverse("area-options")
    selects = []
    for index, parent in enumerate(parents):
        level = top + index
        choices = options.get(parent, [])
        if not choices and index:
            break  # nothing below this place
        chosen = chain[index] if index < len(chain) else ""
        select_id = f"id_{name}" if index == 0 else f"id_{name}_{level}"
        label = AREA_LABELS[AREA_STEPS[level - 1]]
        lines = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((c, " selected" if c == chosen else "", n) for c, n in choices),
        )
        query = urlencode({"cascade": name, "parent": parent or ""})
        selects.append(
            format_html(
                '<select class="form-select" name="{name}" id="{id}" aria-label="{label}" hx-get="{url}?{query}" '
                'hx-trigger="change" hx-include="this" hx-target="closest .area-cascade" hx-swap="outerHTML">'
                '<option value="">{empty}</option>{options}</select>',
                name=name,
                id=select_id,
                label=label,
                url=url,
                query=query,
                empty=gettext("%(level)s: all") % {"level": label},
                options=lines,
            )
        )
    return format_html(
        '<div class="area-cascade d-flex flex-wrap gap-1" data-name="{}">{}</div>',
        name,
        format_html_join("", "{}", ((select,) for select in selects)),
    )


class AreaCodeField(forms.CharField):
    """An area code at any level (province to village), chosen with :class:`AreaCascadeWidget`; refused when the
    area is unknown or outside the officer's ``scope``."""

    widget = AreaCascadeWidget

    def __init__(self, *, scope: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 13)
        super().__init__(**kwargs)
        self.scope = scope

    @property
    def scope(self) -> str:
        return self._scope

    @scope.setter
    def scope(self, value: str) -> None:
        self._scope = value
        self.widget.scope = value  # type: ignore[attr-defined]

    def clean(self, value: Any) -> str:
        code = str(super().clean(value) or "")
        if not code:
            return ""
        if not within(self.scope, code) or not Area.objects.filter(pk=code).exists():
            raise forms.ValidationError(gettext("Choose an area of your working area from the lists."), code="area")
        return code


class SearchSelect(forms.Select):
    """A select that offers only the record chosen (or the few that matched a search), with a search box beside it.

    For choices that run to tens of thousands (every enterprise of the country): the page never writes them out.
    With JavaScript, typing in the box asks ``options_url`` (``?q=``) for matches and offers them in the select;
    without it, the text typed is sent with the form and :class:`SearchChoiceField` narrows the choices to it.
    """

    def __init__(self, attrs: dict[str, Any] | None = None, *, options_url: str = "") -> None:
        super().__init__({"class": "form-select", **(attrs or {})})
        self.options_url = options_url
        self.found: list[Any] | None = None  # the records a search sent without JavaScript matched

    @staticmethod
    def search_name(name: str) -> str:
        return f"{name}_q"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        typed = str(data.get(self.search_name(name)) or "").strip()
        return SearchText(typed) if typed else super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and self.search_name(name) not in data

    def optgroups(self, name: str, value: Any, attrs: dict[str, Any] | None = None) -> Any:
        every: Any = self.choices  # a ModelChoiceIterator: its field and queryset
        field = getattr(every, "field", None)
        if field is None:
            return super().optgroups(name, value, attrs)
        if self.found is not None:
            shown = self.found
        else:
            wanted = [v for v in value if str(v).isdigit()]
            shown = list(every.queryset.filter(pk__in=wanted)) if wanted else []
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        try:
            self.choices = [*empty, *(every.choice(obj) for obj in shown)]
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = every

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        if isinstance(value, SearchText):  # the text found one record (it is chosen), or several to choose from
            value = self.found[0].pk if self.found and len(self.found) == 1 else ""
        select = super().render(name, value, attrs, renderer)
        box_id = f"{(attrs or {}).get('id') or 'id_' + name}_q"
        return format_html(
            '<div class="search-select d-flex flex-wrap gap-1" data-search-url="{url}" data-none="{none}" '
            'data-more="{more}">'
            '<input type="search" class="form-control" name="{box}" id="{box_id}" autocomplete="off" '
            'placeholder="{hint}" aria-label="{hint}">{select}</div>',
            url=reverse(self.options_url) if self.options_url else "",
            box=self.search_name(name),
            box_id=box_id,
            hint=gettext("Type part of the name or number"),
            none=gettext("Nothing matches: check the spelling, or type less of it."),
            more=gettext("More match than shown: type more of the name or number."),
            select=select,
        )


class SearchText(str):
    """What was typed in a :class:`SearchSelect`'s box and sent without choosing."""


class _Searching:
    """What both search fields share: the records of the queryset whose search fields contain the text typed."""

    MOST = 20
    queryset: Any
    search_fields: tuple[str, ...]
    error_messages: dict[str, Any]
    widget: Any
    search_errors: dict[str, Any] = {
        "no_match": _("Nothing matches “%(text)s”: check the spelling, or type less of it."),
        "choose": _("%(count)s match “%(text)s”: choose one from the list."),
        "too_many": _("More than %(count)s match “%(text)s”: type more of the name or number."),
    }

    def matches(self, text: str) -> list[Any]:
        """At most ``MOST`` + 1 records of the queryset whose search fields contain ``text``, in any case."""
        wanted = Q()
        for name in self.search_fields:
            wanted |= Q(**{f"{name}__icontains": text})
        return list(self.queryset.filter(wanted)[: self.MOST + 1])

    def found_one(self, text: str) -> Any:
        """The one record ``text`` finds; otherwise the widget offers what it found, and the reader is told."""
        found = self.matches(text)
        self.widget.found = found[: self.MOST]
        if len(found) == 1:
            return found[0]
        params = {"text": text, "count": min(len(found), self.MOST)}
        if not found:
            raise forms.ValidationError(self.error_messages["no_match"], code="no_match", params=params)
        code = "too_many" if len(found) > self.MOST else "choose"
        raise forms.ValidationError(self.error_messages[code], code=code, params=params)


class SearchChoiceField(_Searching, forms.ModelChoiceField):  # type: ignore[type-arg]
    """A record chosen from a large queryset through :class:`SearchSelect`. A choice outside the queryset is refused
    as invalid, like any choice not offered. Text typed without choosing picks the one record whose
    ``search_fields`` contain it; when several do, the select offers them (at most ``MOST``) to choose from."""

    widget = SearchSelect
    default_error_messages = _Searching.search_errors

    def __init__(self, queryset: Any, *, search_fields: Sequence[str], options_url: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("widget", SearchSelect(options_url=options_url))
        super().__init__(queryset, **kwargs)
        self.search_fields = tuple(search_fields)

    def to_python(self, value: Any) -> Any:
        if not isinstance(value, SearchText):
            return super().to_python(value)
        return self.found_one(value)


class SearchChoices(list[str]):
    """The records chosen in a :class:`SearchSelectMultiple`, and the text typed in its box (``text``)."""

    def __init__(self, chosen: Sequence[str], text: str) -> None:
        super().__init__(chosen)
        self.text = text


class SearchSelectMultiple(SearchSelect):
    """:class:`SearchSelect` for several records: the select holds those chosen, and each search adds its matches
    beside them."""

    allow_multiple_selected = True

    def __init__(self, attrs: dict[str, Any] | None = None, *, options_url: str = "") -> None:
        super().__init__({"size": 8, **(attrs or {})}, options_url=options_url)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        chosen = data.getlist(name) if hasattr(data, "getlist") else list(data.get(name) or [])
        return SearchChoices(chosen, str(data.get(self.search_name(name)) or "").strip())

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an unchosen multiple select sends nothing at all

    def chosen_and_found(self, value: Any) -> list[Any]:
        every: Any = self.choices
        wanted = [v for v in value if str(v).isdigit()]
        chosen = list(every.queryset.filter(pk__in=wanted)) if wanted else []
        return chosen + [obj for obj in self.found or [] if obj not in chosen]

    def optgroups(self, name: str, value: Any, attrs: dict[str, Any] | None = None) -> Any:
        every: Any = self.choices
        if getattr(every, "field", None) is None:
            return forms.Select.optgroups(self, name, value, attrs)
        try:
            self.choices = [every.choice(obj) for obj in self.chosen_and_found(value)]
            return forms.Select.optgroups(self, name, value, attrs)
        finally:
            self.choices = every

    def format_value(self, value: Any) -> list[str]:
        return [str(v) for v in value or []]

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        if getattr(value, "text", "") and self.found and len(self.found) == 1:  # the text found one: it is chosen
            value = [*value, str(self.found[0].pk)]
        return super().render(name, list(value or []), attrs, renderer)


class SearchMultipleChoiceField(_Searching, forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Several records chosen from a large queryset through :class:`SearchSelectMultiple`. Text typed without
    choosing adds the one record it finds to those chosen; when several match, the select offers them."""

    widget = SearchSelectMultiple
    default_error_messages = {**forms.ModelMultipleChoiceField.default_error_messages, **_Searching.search_errors}

    def __init__(self, queryset: Any, *, search_fields: Sequence[str], options_url: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("widget", SearchSelectMultiple(options_url=options_url))
        super().__init__(queryset, **kwargs)
        self.search_fields = tuple(search_fields)

    def clean(self, value: Any) -> Any:
        chosen = list(value or [])
        text = getattr(value, "text", "")
        if text:
            chosen.append(str(self.found_one(text).pk))
        return super().clean(chosen)


__all__ = [
    "AREA_STEPS",
    "AreaCascadeMixin",
    "AreaCascadeWidget",
    "AreaCodeField",
    "AreaLevel",
    "NumberField",
    "SearchChoiceField",
    "SearchChoices",
    "SearchMultipleChoiceField",
    "SearchSelect",
    "SearchSelectMultiple",
    "ServiceModelForm",
    "StyledForm",
    "WholeNumberField",
    "area_options",
    "number_formfield",
    "render_area_cascade",
    "resolve_cascade",
    "style_widgets",
]


class LoginForm(auth_forms.AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


class SetPasswordForm(auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)


def area_choices(user: User) -> list[tuple[str, str]]:
    """The areas one and two levels below the staff's working area (kecamatan and kelurahan of a city; provinces
    and cities for staff with no area), in code order so each district is followed by its villages."""
    top = user.area
    level = top.level if top is not None else 0
    levels = [lvl for lvl in (level + 1, level + 2) if lvl <= AreaLevel.VILLAGE]
    areas = Area.objects.filter(level__in=levels)
    if top is not None:
        areas = areas.filter(code__startswith=f"{top.code}.")
    everything = top.name if top is not None else _("All areas")
    choices: list[tuple[str, str]] = [("", str(everything))]
    for code, name, lvl in areas.order_by("code").values_list("code", "name", "level"):
        indent = "\u2003" * (lvl - levels[0])
        choices.append((code, f"{indent}{name}"))
    return choices


LANGUAGE_NAMES = {"ind": _("Indonesian"), "en": _("English")}


def label_languages(form: forms.ModelForm) -> None:  # type: ignore[type-arg]
    """'Name (Indonesian)' and 'Name (English)' instead of the translation library's 'Name [ind]'."""
    for name, field in form.fields.items():
        base, _sep, suffix = name.rpartition("_")
        if suffix in LANGUAGE_NAMES and base:
            label = form._meta.model._meta.get_field(base).verbose_name
            field.label = format_lazy("{} ({})", capfirst(label), LANGUAGE_NAMES[suffix])
