"""Which policies a request may name, and turning a request's policy into the library's.

Clients may name a preset or send an inline policy object. They may not name a file: a
policy string from the network is checked against the preset list, so it can never make the
server read a path of the client's choosing. The server's own default policy (``--policy``)
is trusted and may be anything the library's loader accepts; it is loaded once, at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from redactphi.errors import ConfigurationError

DEFAULT_PRESET = "safe-harbor"
_PRESET_SUFFIXES = (".toml", ".yaml", ".yml")


def preset_names() -> list[str]:
    """Preset names the policies package offers, always including the default."""
    from redactphi import policies

    names: set[str] = {DEFAULT_PRESET}
    for attr in ("PRESET_NAMES", "PRESETS", "preset_names", "list_presets", "available_presets"):
        value: Any = getattr(policies, attr, None)
        if callable(value):
            value = value()
        if isinstance(value, Mapping):
            value = list(value)
        if isinstance(value, Iterable) and not isinstance(value, str | bytes):
            names.update(str(v) for v in value)
            return sorted(names)
    try:
        folder = resources.files("redactphi.policies") / "presets"
        for entry in folder.iterdir():
            if entry.name.endswith(_PRESET_SUFFIXES):
                names.add(entry.name.rsplit(".", 1)[0])
    except (FileNotFoundError, NotADirectoryError, ModuleNotFoundError):
        pass
    return sorted(names)


def _policy_model() -> type[BaseModel] | None:
    from redactphi import policies

    cls = getattr(policies, "Policy", None)
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return cls
    return None


def policy_json_schema() -> dict[str, Any] | None:
    """JSON schema of an inline policy, when the policies package defines a pydantic model."""
    cls = _policy_model()
    if cls is None:
        return None
    schema = cls.model_json_schema(ref_template="#/components/schemas/{model}")
    # load_policy also takes `extends`: start from a preset, then override.
    schema.setdefault("properties", {})["extends"] = {
        "type": "string",
        "enum": preset_names(),
        "description": "start from this preset",
    }
    return schema


def load_server_policy(spec: str | None) -> Any:
    """The server's default policy, loaded and checked once; a bad one stops start-up."""
    if spec is None:
        return None
    from redactphi import policies

    loader = getattr(policies, "load_policy", None)
    if callable(loader):
        return loader(spec)
    if spec not in preset_names():
        raise ConfigurationError(
            f"unknown policy {spec!r}; use one of: {', '.join(preset_names())}"
        )
    return spec


class PolicyResolver:
    """Maps a request's ``policy`` field to what ``Redactor.redact`` takes."""

    def __init__(self, default: str | None) -> None:
        self.presets = preset_names()
        self.default = load_server_policy(default)
        # A policy file's own name, not its path, is what clients see.
        self.default_name = str(getattr(self.default, "name", None) or default or DEFAULT_PRESET)

    def resolve(self, spec: str | Mapping[str, Any] | None, loc: tuple[str | int, ...]) -> Any:
        if spec is None:
            return self.default
        if isinstance(spec, str):
            if spec not in self.presets:
                raise RequestValidationError(
                    [
                        {
                            "loc": loc,
                            "msg": f"unknown policy preset; use one of: {', '.join(self.presets)}",
                            "type": "unknown_preset",
                        }
                    ]
                )
            return spec
        return self._inline(spec, loc)

    def _inline(self, spec: Mapping[str, Any], loc: tuple[str | int, ...]) -> Any:
        """An inline policy. Every problem becomes a 422 listing field and rule only: the
        library's own messages may quote the client's keys and values."""
        from redactphi import policies

        def invalid(errors: list[dict[str, Any]]) -> RequestValidationError:
            return RequestValidationError(
                [{**err, "loc": (*loc, *err.get("loc", ()))} for err in errors]
            )

        base = spec.get("extends")
        if base is not None and base not in self.presets:
            raise invalid(
                [
                    {
                        "loc": ("extends",),
                        "msg": f"must be one of: {', '.join(self.presets)}",
                        "type": "unknown_preset",
                    }
                ]
            )
        cls = _policy_model()
        if cls is not None:
            try:
                # The same model the loader uses, for errors with locations and types.
                cls.model_validate({k: v for k, v in spec.items() if k != "extends"})
            except ValidationError as exc:
                raise invalid([dict(err) for err in exc.errors()]) from None
            except Exception:  # a validator that breaks on odd input: refuse, never 500
                raise invalid([_UNUSABLE]) from None
        loader = getattr(policies, "load_policy", None)
        if not callable(loader):
            return dict(spec)  # the library validates it
        try:
            return loader(dict(spec))
        except Exception:  # e.g. a rule that fails only once merged with `extends`
            raise invalid([_UNUSABLE]) from None


_UNUSABLE = {
    "loc": (),
    "msg": "policy is not valid once merged with its preset; check it against the Policy schema",
    "type": "policy_invalid",
}
