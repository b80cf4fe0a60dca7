"""Look at an age file's header without decrypting anything.

pyrage's decrypt tries every recipient stanza against every identity, and an
attacker can make that slow (thousands of stanzas, or an scrypt stanza with a
huge work factor). We read the header text ourselves, count the stanzas and
refuse anything unexpected in a few microseconds. Format: age v1 specification
(``age-encryption.org/v1``, ``-> type args`` stanzas with base64 bodies wrapped
at 64 columns, then ``--- mac``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldsurvey.errors import SyncError

VERSION_LINE = b"age-encryption.org/v1"
MAX_HEADER_BYTES = 16 * 1024
_ARG = re.compile(rb"^[\x21-\x7e]+$")
_B64 = re.compile(rb"^[A-Za-z0-9+/]*$")
BODY_COLUMNS = 64


class AgeHeaderError(SyncError, ValueError):
    """The age header is malformed or not what we accept (codes ``sync.age.*``)."""


@dataclass(frozen=True)
class Stanza:
    type: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class AgeHeader:
    stanzas: tuple[Stanza, ...]
    length: int  # bytes up to and including the MAC line

    @property
    def types(self) -> list[str]:
        return [s.type for s in self.stanzas]


def parse(data: bytes, *, max_stanzas: int) -> AgeHeader:
    """Parse the header at the start of ``data``; stop as soon as a limit is passed."""
    window = data[:MAX_HEADER_BYTES]
    lines = iter(window.split(b"\n"))
    if next(lines, None) != VERSION_LINE:
        raise AgeHeaderError("sync.age.not_age")
    position = len(VERSION_LINE) + 1
    stanzas: list[Stanza] = []
    line = next(lines, None)
    while line is not None and line.startswith(b"-> "):
        if len(stanzas) >= max_stanzas:
            raise AgeHeaderError("sync.age.too_many_stanzas", limit=max_stanzas)
        parts = line[3:].split(b" ")
        if not parts or not all(_ARG.match(p) for p in parts):
            raise AgeHeaderError("sync.age.bad_stanza_line")
        position += len(line) + 1
        stanzas.append(Stanza(parts[0].decode("ascii"), tuple(p.decode() for p in parts[1:])))
        # Body: full 64-column lines, then one shorter (possibly empty) line.
        while True:
            body = next(lines, None)
            if body is None or len(body) > BODY_COLUMNS or not _B64.match(body):
                raise AgeHeaderError("sync.age.bad_stanza_body")
            position += len(body) + 1
            if len(body) < BODY_COLUMNS:
                break
        line = next(lines, None)
    if line is None or not line.startswith(b"--- "):
        raise AgeHeaderError("sync.age.no_mac")
    if not stanzas:
        raise AgeHeaderError("sync.age.no_stanza")
    return AgeHeader(tuple(stanzas), position + len(line) + 1)


def check_for_recipients(data: bytes, *, max_stanzas: int = 8) -> AgeHeader:
    """A payload for X25519 identities: some X25519 stanzas, never a passphrase stanza."""
    header = parse(data, max_stanzas=max_stanzas)
    if "scrypt" in header.types:
        raise AgeHeaderError("sync.age.passphrase_not_keys")
    if "X25519" not in header.types:
        raise AgeHeaderError("sync.age.no_x25519")
    return header


def check_for_passphrase(data: bytes, *, max_work_factor: int = 20) -> AgeHeader:
    """A passphrase-encrypted file: exactly one scrypt stanza with a sane work factor."""
    header = parse(data, max_stanzas=1)
    stanza = header.stanzas[0]
    if stanza.type != "scrypt" or len(stanza.args) != 2:
        raise AgeHeaderError("sync.age.not_passphrase")
    work = stanza.args[1]
    if not work.isdigit() or not 1 <= int(work) <= max_work_factor:
        raise AgeHeaderError("sync.age.work_factor")
    return header
