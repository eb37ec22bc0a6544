"""The default recognizer set, in a fixed order."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from redactphi.config import Settings


def default_recognizers(settings: Settings) -> list[EntityRecognizer]:
    from redactphi.recognizers.dates import DateRecognizer

    return [DateRecognizer()]
