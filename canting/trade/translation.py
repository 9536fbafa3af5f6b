"""Reference texts kept in both languages (django-modeltranslation): the desk explains itself to the artisan in
Indonesian and writes the documents in English."""

from modeltranslation.translator import TranslationOptions, register

from canting.trade.models import HsCode, Incoterm, MarketNote, OriginRule


@register(HsCode)
class HsCodeTranslation(TranslationOptions):
    fields = ("description",)
    required_languages = ("id", "en")


@register(Incoterm)
class IncotermTranslation(TranslationOptions):
    fields = ("name", "place_meaning", "risk_passes")
    required_languages = ("id", "en")


@register(MarketNote)
class MarketNoteTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("id",)


@register(OriginRule)
class OriginRuleTranslation(TranslationOptions):
    fields = ("document", "agreement", "issued_by", "notes")
    required_languages = {"id": ("document",), "en": ("document",)}
