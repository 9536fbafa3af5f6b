"""Fields kept in every language (django-modeltranslation): criteria are shown to officers and artisans alike."""

from modeltranslation.translator import TranslationOptions, register

from canting.turnover.models import ClassScheme, Criterion


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("id",)


@register(ClassScheme)
class ClassSchemeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("id",)
