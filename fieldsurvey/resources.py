"""Locate the files shipped in ``resources/`` (forms, fonts, translations, icons).

In a wheel they are installed inside the package as ``fieldsurvey/resources``; in a
source checkout (editable install) they sit at the top of the tree; in a PyInstaller
build they sit beside the executable under ``fieldsurvey/resources``.
"""

from __future__ import annotations

from pathlib import Path

from fieldsurvey.errors import FieldSurveyError

_PACKAGE_DIR = Path(__file__).resolve().parent


class ResourcesMissingError(FieldSurveyError, FileNotFoundError):
    """The installation has no resources folder (a broken or partial install)."""


def resources_dir() -> Path:
    """The folder holding forms/, fonts/, translations/ and icons/."""
    installed = _PACKAGE_DIR / "resources"
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / "resources"
    if checkout.is_dir():
        return checkout
    raise ResourcesMissingError("core.resources_missing")


def resource_path(*parts: str) -> Path:
    """Path of one shipped file, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)
