"""Fields kept in every language (django-modeltranslation): Indonesian is the default, English is complete."""

from modeltranslation.translator import TranslationOptions, register

from canting.catalogue.models import Motif, Picture, Product


@register(Motif)
class MotifTranslation(TranslationOptions):
    fields = ("name", "story", "meaning")
    required_languages = ("id",)


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("id",)


@register(Picture)
class PictureTranslation(TranslationOptions):
    fields = ("alt_text",)
    required_languages = ("id",)
