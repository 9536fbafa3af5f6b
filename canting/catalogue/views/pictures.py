"""The photo form that product and motif pages share."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from canting.catalogue import services
from canting.catalogue.forms import PictureForm
from canting.core.pages import apply_service_errors
from canting.core.permissions import current_user


def add_picture_from(request: HttpRequest, **owner: Any) -> PictureForm | None:
    """Store the photo posted with ``request`` for ``owner`` (product= or motif=). None when it was added; the
    form with its errors beside the fields when it was refused."""
    form = PictureForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["photo"]
        try:
            services.add_picture(
                actor=current_user(request),
                upload=upload,
                size=upload.size,
                alt_text={"ind": form.cleaned_data["alt_text_ind"], "en": form.cleaned_data["alt_text_en"]},
                **owner,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The photo has been added."))
            return None
    return form
