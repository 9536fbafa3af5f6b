"""Fields kept in every language (django-modeltranslation): the public calendar is read at home and abroad."""

from modeltranslation.translator import TranslationOptions, register

from canting.exhibitions.models import Exhibition


@register(Exhibition)
class ExhibitionTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("id",)
