"""Fields kept in every language (django-modeltranslation): Indonesian is the default, English is for buyers abroad.

A result copies its parameter's name in both languages when it is judged, so the passport read abroad and the
officers' pages each show the name of the requirement as it stood then.
"""

from modeltranslation.translator import TranslationOptions, register

from canting.certification.models import Parameter, TestResult


@register(Parameter)
class ParameterTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("id",)


@register(TestResult)
class TestResultTranslation(TranslationOptions):
    fields = ("parameter_name",)
    required_languages = ("id",)
