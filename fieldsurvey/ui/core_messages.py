"""The core's messages that the desktop app shows, in the chosen language.

The core (no Qt) raises typed errors with English messages. The app shows a translated
heading for the kind of error (``ui.errors``) and, through :func:`translated`, the
message itself in the user's language when it is one of those below: the messages an
enumerator meets (a receipt refused, a wrong password, a full disk, a folder that cannot
be written) and the reasons a coordinator's import refuses a bundle. Any other message
is shown as the core wrote it.

Fixed messages are looked up as they are; messages with a detail (a folder, a form id)
are matched by a pattern and the detail is put back in the translated text (%1, %2).
``tests/ui/test_core_messages.py`` checks that each entry is still what the core says.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CoreMessages"

FIXED = (
    QT_TRANSLATE_NOOP("CoreMessages", "Wrong password for this workspace."),
    QT_TRANSLATE_NOOP("CoreMessages", "This receipt is for another device."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "The receipt's signature is not the coordinator's; it was refused."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "This receipt belongs to another campaign."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "The receipt's content does not match its signed hash (damaged)."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The receipt cannot be decrypted with this laptop's key."),
    QT_TRANSLATE_NOOP("CoreMessages", "The receipt's content is malformed."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "The receipt's content was made for another receipt or device."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The receipt file is larger than the limit."),
    # why the coordinator's import refuses a bundle (sync.bundle_checks)
    QT_TRANSLATE_NOOP("CoreMessages", "signed by a device this campaign does not know"),
    QT_TRANSLATE_NOOP("CoreMessages", "bundle belongs to another campaign"),
    QT_TRANSLATE_NOOP("CoreMessages", "payload does not match the signed hash (altered)"),
    QT_TRANSLATE_NOOP("CoreMessages", "bundle id was already used by another bundle"),
    QT_TRANSLATE_NOOP("CoreMessages", "decrypted payload is malformed"),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "payload was made for another bundle or device than its header says"
    ),
)

# (pattern of the core message, its text with %1, %2 for the pattern groups)
PATTERNS = (
    (
        r"The receipt carries a malformed form \((.*)\)\.",
        QT_TRANSLATE_NOOP("CoreMessages", "The receipt carries a malformed form (%1)."),
    ),
    (
        r"The disk is full or the file cannot grow \((.*)\); the last change was not saved "
        r"and the existing data is unchanged\. Free some space and try again\.",
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "The disk is full or the file cannot grow (%1); the last change was not saved "
            "and the existing data is unchanged. Free some space and try again.",
        ),
    ),
    (
        r"Cannot write the bundle to (.*): (.*)\.",
        QT_TRANSLATE_NOOP("CoreMessages", "Cannot write the bundle to %1: %2."),
    ),
    (
        r"(.*) is not a folder\.",
        QT_TRANSLATE_NOOP("CoreMessages", "%1 is not a folder."),
    ),
    (
        r"device '(.*)' was revoked on (.*)",
        QT_TRANSLATE_NOOP("CoreMessages", "device '%1' was revoked on %2"),
    ),
    (
        r"signature of device '(.*)' is not valid",
        QT_TRANSLATE_NOOP("CoreMessages", "signature of device '%1' is not valid"),
    ),
    (
        r"EQUIVOCATION: device '(.*)' sent two different bundles numbered (\d+) "
        r"\(cloned disk or stolen key\?\)",
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "EQUIVOCATION: device '%1' sent two different bundles numbered %2 "
            "(cloned disk or stolen key?)",
        ),
    ),
)

_COMPILED = [(re.compile(pattern, re.DOTALL), text) for pattern, text in PATTERNS]


def translated(message: str) -> str:
    """``message`` in the app's language if it is one of the catalogue's, else as is."""
    if message in FIXED:
        return QCoreApplication.translate(CONTEXT, message)
    for pattern, text in _COMPILED:
        found = pattern.fullmatch(message)
        if found:
            result = QCoreApplication.translate(CONTEXT, text)
            for i, value in enumerate(found.groups(), start=1):
                result = result.replace(f"%{i}", value)
            return result
    return message
