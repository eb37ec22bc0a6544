"""Policies as data: which operator replaces which entity type, validated by pydantic.

A policy file (TOML or YAML) looks like::

    name = "my-coding"
    extends = "coding"            # optional: start from a preset
    description = "coding view, surrogate names"

    [default]                     # anything not listed below
    operator = "tag"

    [categories.LOCATION]         # a whole category (NAME, DATE, AGE, ID, CONTACT, LOCATION)
    operator = "mask"

    [entities.NAME]               # one entity type; wins over its category
    operator = "surrogate"

    [entities.DATE]
    operator = "date_shift"
    min_days = -365
    max_days = -1
    keep_year = false

``entities.X = "tag"`` is short for ``[entities.X] operator = "tag"``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from redactphi.errors import ConfigurationError
from redactphi.models import ALL_ENTITIES, Category, EntityType, category_of
from redactphi.policies.templates import check_template, placeholders

PRESET_NAMES: tuple[str, ...] = ("safe-harbor", "coding", "surrogate", "mask", "hash", "encrypt")
DEFAULT_PRESET = "safe-harbor"


class _Operator(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: whether the operator needs the secret key
    needs_key: ClassVar[bool] = False

    @property
    def name(self) -> str:
        return str(getattr(self, "operator"))  # noqa: B009 - every subclass defines it


class TagOperator(_Operator):
    """Typed tag: ``[NAME]``, ``[DATE]``."""

    operator: Literal["tag"] = "tag"
    template: str = Field(default="[{type}]", description="``{type}`` is the entity type")

    @field_validator("template")
    @classmethod
    def _template(cls, value: str) -> str:
        return check_template(value, {"type"})


class RoleOperator(_Operator):
    """Role placeholder for names: ``[SURGEON]``, ``[ASSISTANT]``, ``[PROVIDER_2]``."""

    operator: Literal["role"] = "role"
    template: str = Field(default="[{role}]", description="``{role}`` is the role label")

    @field_validator("template")
    @classmethod
    def _template(cls, value: str) -> str:
        return check_template(value, {"role", "type"})


class MaskOperator(_Operator):
    """Every character becomes ``char``; the length (and line breaks) stay."""

    operator: Literal["mask"] = "mask"
    char: str = Field(default="*", min_length=1, max_length=1)
    keep_whitespace: bool = Field(default=True, description="leave spaces between words unmasked")

    @field_validator("char")
    @classmethod
    def _char(cls, value: str) -> str:
        if value.isspace() or value.isalnum():
            raise ValueError("mask char must be a visible symbol, not a letter, digit or space")
        return value


class HashOperator(_Operator):
    """Keyed HMAC-SHA256, truncated: ``[NAME:3f9a1c2b]``."""

    operator: Literal["hash"] = "hash"
    needs_key: ClassVar[bool] = True
    length: int = Field(default=8, ge=6, le=64, description="hex digits kept")
    template: str = "[{type}:{digest}]"
    scope: Literal["patient", "global"] = Field(
        default="patient", description="patient: differs per patient; global: one value, one hash"
    )

    @field_validator("template")
    @classmethod
    def _template(cls, value: str) -> str:
        check_template(value, {"type", "digest"})
        if "digest" not in placeholders(value):
            raise ValueError("hash template must contain {digest}")
        return value


class EncryptOperator(_Operator):
    """AES-SIV token ``[[PHI:NAME:...]]`` that ``Redactor.reidentify`` turns back."""

    operator: Literal["encrypt"] = "encrypt"
    needs_key: ClassVar[bool] = True


class SurrogateOperator(_Operator):
    """Realistic value of the same shape, consistent per patient (dates: shifted)."""

    operator: Literal["surrogate"] = "surrogate"
    needs_key: ClassVar[bool] = True
    scope: Literal["patient", "global"] = "patient"


class DateShiftOperator(_Operator):
    """Every date of one patient moves by the same number of days, in its own format."""

    operator: Literal["date_shift"] = "date_shift"
    needs_key: ClassVar[bool] = True
    min_days: int = Field(default=-365, ge=-36_500, le=36_500)
    max_days: int = Field(default=-1, ge=-36_500, le=36_500)
    keep_year: bool = Field(
        default=False,
        description="print the original year (intervals that cross a new year are then not exact)",
    )

    @model_validator(mode="after")
    def _range(self) -> DateShiftOperator:
        if self.min_days > self.max_days:
            raise ValueError("min_days must not be greater than max_days")
        return self


class KeepOperator(_Operator):
    """Leave the text as it is (for types a use case may keep, such as STATE)."""

    operator: Literal["keep"] = "keep"


class Age90Operator(_Operator):
    """Ages 90 and over: the number becomes ``90+``."""

    operator: Literal["age90"] = "age90"
    text: str = Field(default="90+", min_length=1, max_length=20)

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        digits = [int(c) for c in value if c.isdigit()]
        if "\n" in value or (digits and int("".join(map(str, digits))) > 90):
            raise ValueError("age text must be one line and must not state an age over 90")
        return value


OperatorConfig = Annotated[
    TagOperator
    | RoleOperator
    | MaskOperator
    | HashOperator
    | EncryptOperator
    | SurrogateOperator
    | DateShiftOperator
    | KeepOperator
    | Age90Operator,
    Field(discriminator="operator"),
]
OPERATOR_NAMES: tuple[str, ...] = (
    "tag", "role", "mask", "hash", "encrypt", "surrogate", "date_shift", "keep", "age90",
)  # fmt: skip

# Operators that only make sense for one kind of finding.
_ONLY_FOR: dict[str, set[str]] = {
    "role": {EntityType.NAME.value},
    "date_shift": {EntityType.DATE.value},
    "age90": {EntityType.AGE.value},
}


def _shorthand(value: object) -> object:
    if isinstance(value, str):
        return {"operator": value}
    return value


class Policy(BaseModel):
    """Which operator replaces each entity type.

    Lookup order: ``entities[type]``, then ``categories[category]``, then ``default``. AGE always
    uses ``age90`` (only its text is configurable): ages over 89 never leave in any other form.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(default="custom", min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:+-]+$")
    description: str = ""
    default: OperatorConfig = Field(default_factory=lambda: TagOperator())
    categories: dict[Category, OperatorConfig] = Field(default_factory=dict)
    entities: dict[EntityType, OperatorConfig] = Field(default_factory=dict)

    @field_validator("default", mode="before")
    @classmethod
    def _default_shorthand(cls, value: object) -> object:
        return _shorthand(value)

    @field_validator("categories", "entities", mode="before")
    @classmethod
    def _map_shorthand(cls, value: object) -> object:
        if isinstance(value, Mapping):
            return {str(k).upper(): _shorthand(v) for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _operators_fit(self) -> Policy:
        def check(op: _Operator, where: str, covers: set[str]) -> None:
            allowed = _ONLY_FOR.get(op.name)
            if allowed is not None and not covers <= allowed:
                raise ValueError(
                    f"{where}: operator '{op.name}' only applies to {', '.join(sorted(allowed))}"
                )

        check(self.default, "default", set(ALL_ENTITIES))
        for category, op in self.categories.items():
            covers = {e.value for e in EntityType if category_of(e.value) == category}
            check(op, f"categories.{category.value}", covers or {category.value})
        for entity, op in self.entities.items():
            check(op, f"entities.{entity.value}", {entity.value})
        if self._lookup(EntityType.AGE.value).name != "age90":
            raise ValueError(
                "AGE always uses operator 'age90' (ages over 89 become '90+'); "
                "set entities.AGE.text to change the wording"
            )
        return self

    def _lookup(self, entity_type: str) -> _Operator:
        try:
            entity = EntityType(entity_type)
        except ValueError:
            return self.default
        if entity in self.entities:
            return self.entities[entity]
        category = category_of(entity_type)
        if category in self.categories:
            return self.categories[category]
        if entity is EntityType.AGE:
            return Age90Operator()
        return self.default

    def operator_for(self, entity_type: str) -> _Operator:
        """The operator configured for ``entity_type`` (unknown types use the default)."""
        return self._lookup(entity_type)

    @property
    def requires_key(self) -> bool:
        """True when some operator of this policy needs the secret key."""
        return any(op.needs_key for op in self.operators())

    def operators(self) -> list[_Operator]:
        return [self._lookup(e.value) for e in EntityType] + [self.default]

    def key_users(self) -> list[str]:
        """Names of the operators that need the key, for error messages."""
        return sorted({op.name for op in self.operators() if op.needs_key})


# -- loading ------------------------------------------------------------------------------


def _validation_message(exc: ValidationError, source: str) -> str:
    # pydantic's own text repeats the input values; list only locations and reasons.
    parts = []
    for error in exc.errors()[:5]:
        loc = ".".join(str(p) for p in error["loc"] if not str(p).endswith("Operator"))
        message = str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{loc}: {message}" if loc else message)
    more = f" (+{len(exc.errors()) - 5} more)" if len(exc.errors()) > 5 else ""
    return f"invalid policy {source}: " + "; ".join(parts) + more


def policy_from_dict(data: Mapping[str, Any], source: str = "object") -> Policy:
    """Validate a policy given as a mapping (``extends`` pulls in a preset first)."""
    if not isinstance(data, Mapping):
        raise ConfigurationError(f"invalid policy {source}: expected a table/mapping")
    merged = dict(data)
    base_name = merged.pop("extends", None)
    if base_name is not None:
        if not isinstance(base_name, str) or base_name not in PRESET_NAMES:
            raise ConfigurationError(
                f"invalid policy {source}: extends must be one of {', '.join(PRESET_NAMES)}"
            )
        merged = _merge(_preset_data(base_name), merged)
        if "name" not in data:  # a changed preset must not report itself as the preset
            merged["name"] = f"{base_name}-custom"
    try:
        return Policy.model_validate(merged)
    except ValidationError as exc:
        raise ConfigurationError(_validation_message(exc, source)) from None


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if key in ("categories", "entities") and isinstance(value, Mapping):
            table = {str(k).upper(): v for k, v in dict(out.get(key) or {}).items()}
            table.update({str(k).upper(): v for k, v in value.items()})
            out[key] = table
        else:
            out[key] = value
    return out


def _parse_text(raw: str, suffix: str, source: str) -> Any:
    try:
        if suffix in (".yaml", ".yml"):
            return yaml.safe_load(raw)
        return tomllib.loads(raw)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        kind = "YAML" if suffix in (".yaml", ".yml") else "TOML"
        # both parsers put line/column, not values, in their position info
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}"
        elif isinstance(exc, tomllib.TOMLDecodeError):
            where = f" ({str(exc).split('(')[-1].rstrip(')')})" if "(" in str(exc) else ""
        raise ConfigurationError(f"invalid policy {source}: not valid {kind}{where}") from None


@lru_cache(maxsize=len(PRESET_NAMES))
def _preset_data(name: str) -> dict[str, Any]:
    raw = (
        resources.files("redactphi.policies").joinpath("presets", f"{name}.toml").read_text("utf-8")
    )
    data = tomllib.loads(raw)
    if data.get("name") != name:
        raise ConfigurationError(f"preset file {name}.toml names itself {data.get('name')!r}")
    return data


@lru_cache(maxsize=len(PRESET_NAMES))
def preset(name: str) -> Policy:
    """A built-in policy by name (see :data:`PRESET_NAMES`)."""
    if name not in PRESET_NAMES:
        raise ConfigurationError(
            f"unknown policy {name!r}: use one of {', '.join(PRESET_NAMES)} or a .toml/.yaml file"
        )
    return policy_from_dict(_preset_data(name), source=f"preset {name}")


_file_cache: dict[tuple[str, int, int], Policy] = {}


def load_policy(source: str | Path | Mapping[str, Any] | Policy) -> Policy:
    """A policy from a preset name, a TOML/YAML file path, a mapping, or a Policy (returned as is).

    Raises :class:`~redactphi.errors.ConfigurationError` for an unknown name, an unreadable
    or invalid file, with the location and reason of each problem.
    """
    if isinstance(source, Policy):
        return source
    if isinstance(source, Mapping):
        return policy_from_dict(source)
    if isinstance(source, str) and source in PRESET_NAMES:
        return preset(source)
    path = Path(source)
    if isinstance(source, str) and path.suffix.lower() not in (".toml", ".yaml", ".yml"):
        return preset(source)  # raises the "unknown policy" message
    try:
        stat = path.stat()
        cache_key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        if cache_key in _file_cache:
            return _file_cache[cache_key]
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(
            f"cannot read policy file {path}: {exc.__class__.__name__}"
        ) from None
    data = _parse_text(raw, path.suffix.lower(), f"file {path.name}")
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ConfigurationError(f"invalid policy file {path.name}: expected a table/mapping")
    data = dict(data)
    data.setdefault("name", re.sub(r"[^A-Za-z0-9_.:+-]+", "-", path.stem)[:64] or "custom")
    policy = policy_from_dict(data, source=f"file {path.name}")
    if len(_file_cache) > 32:
        _file_cache.clear()
    _file_cache[cache_key] = policy
    return policy
