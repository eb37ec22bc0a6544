"""Clinical recognizers for every Safe Harbor identifier, and the registry that holds them."""

from __future__ import annotations

from presidio_analyzer import RecognizerRegistry

from redactphi.config import Settings


def build_registry(settings: Settings) -> RecognizerRegistry:
    from redactphi.recognizers.catalog import default_recognizers

    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in default_recognizers(settings):
        registry.add_recognizer(recognizer)
    return registry
