"""What FieldSurvey is built from, with versions and licences (the About box, --version)."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


#: Distribution name -> licence as its authors state it (metadata is often incomplete).
LIBRARIES: dict[str, str] = {
    "PySide6-Essentials": "LGPL-3.0 (Qt for Python)",
    "sqlcipher3": "zlib (bindings); SQLCipher: BSD-3-Clause",
    "pyrage": "MIT (age: BSD-3-Clause)",
    "cryptography": "Apache-2.0 OR BSD-3-Clause",
    "pyxform": "BSD-2-Clause",
    "reportlab": "BSD-3-Clause",
    "pydantic": "MIT",
    "click": "BSD-3-Clause",
    "platformdirs": "MIT",
    "lark": "MIT",
    "openpyxl": "MIT",
    "xlrd": "BSD-3-Clause",
}

FONTS: list[Component] = [
    Component(
        "DejaVu Sans", "2.37", "Bitstream Vera / DejaVu licence (free, see LICENSE-DejaVu.txt)"
    ),
]


def components() -> list[Component]:
    """The bundled libraries that are installed, with their versions, then the fonts."""
    found = []
    for dist, licence in LIBRARIES.items():
        try:
            version = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
        found.append(Component(dist, version, licence))
    return found + FONTS
