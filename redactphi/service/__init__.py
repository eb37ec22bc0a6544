"""The REST service: ``create_app(settings)`` builds the FastAPI app; ``redactphi serve`` runs it.

Importing this package is cheap; FastAPI and the model load only when an app is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redactphi.service.app import create_app
    from redactphi.service.settings import ServiceSettings

__all__ = ["ServiceSettings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from redactphi.service.app import create_app

        return create_app
    if name == "ServiceSettings":
        from redactphi.service.settings import ServiceSettings

        return ServiceSettings
    raise AttributeError(name)
