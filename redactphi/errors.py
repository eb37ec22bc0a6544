"""Exceptions raised by redactphi.

Every error derives from :class:`RedactPhiError`, so callers can catch all of them at once::

    RedactPhiError
    ├── ConfigurationError      bad settings, policy or list file
    │   └── KeyRequiredError    a policy needs a secret key and none was given
    ├── ModelLoadError          the spaCy model or recognizers could not be loaded
    ├── InputError              the input cannot be analysed (also a ValueError)
    │   └── InputTooLargeError  the text exceeds the configured size limit
    └── AnalysisError           analysis failed; nothing is returned unredacted

Messages never contain note text: they name the problem, offsets or sizes, and how to fix it.
"""

from __future__ import annotations


class RedactPhiError(Exception):
    """Root of every redactphi error."""


class ConfigurationError(RedactPhiError):
    """Settings, a policy or a user-supplied list is invalid."""


class KeyRequiredError(ConfigurationError):
    """A policy needs a secret key and none was configured."""


class ModelLoadError(RedactPhiError):
    """The NLP model or the recognizers could not be loaded."""


class InputError(RedactPhiError, ValueError):
    """The input cannot be analysed as given."""


class InputTooLargeError(InputError):
    """The text is longer than the configured limit."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"text has {size} characters, over the limit of {limit}; "
            "split the note or raise max_chars (REDACTPHI_MAX_CHARS)"
        )
        self.size = size
        self.limit = limit


class AnalysisError(RedactPhiError):
    """Analysis failed; the caller must not use the input unredacted."""
