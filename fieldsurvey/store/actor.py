"""Who is acting: the name written into audit entries and new interviews.

One rule for the desktop app and the CLI, in this order:

1. the workspace setting ``enumerator`` (a name given to this workspace), if set;
2. on a laptop, the device name the coordinator gave it (setting ``sync.device``,
   written when the laptop is set up from its device package);
3. the operating system's login name;
4. ``"unknown"``.

API:
    ENUMERATOR_SETTING, DEVICE_SETTING
    acting_person(ws) -> str
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

ENUMERATOR_SETTING = "enumerator"
#: The laptop's device configuration (the same key as ``sync.campaign.DEVICE_SETTING``).
DEVICE_SETTING = "sync.device"
UNKNOWN = "unknown"


def _name(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def login_name() -> str | None:
    """The operating system's name for the person logged in, if it has one."""
    try:
        return _name(getpass.getuser())
    except (KeyError, OSError, ImportError):  # no passwd entry / no USERNAME variable
        return None


def acting_person(ws: Workspace) -> str:
    """The name of the person acting on ``ws`` (see the module docstring)."""
    name = _name(ws.get_setting(ENUMERATOR_SETTING))
    if name is None:
        device = ws.get_setting(DEVICE_SETTING)
        if isinstance(device, dict):
            name = _name(device.get("device_name"))
    return name or login_name() or UNKNOWN
