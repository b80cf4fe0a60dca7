"""Form labels and hints with ODK's formatting, as safe rich text or as plain text.

ODK Collect formats labels with a subset of Markdown and HTML (docs.getodk.org, "Form
styling"): ``*emphasis*`` / ``_emphasis_``, ``**strong**`` / ``__strong__``, ``# headings``
(one to six ``#``), ``[links](url)``, ``<span style="color:…; font-family:…">``, and a
backslash before a mark to write the mark itself. Forms also use a few plain HTML tags
(``<b>``, ``<i>``, ``<u>``, ``<br>``, ``<p>``, ``<font color>``, lists), kept here too.

:func:`to_rich_text` returns Qt rich text that can load nothing and run nothing: every
other tag is dropped (``<script>`` and ``<style>`` with their content), attributes are
dropped except a style's colour, font and weight (checked one by one), a link is shown as
its underlined text with the address (nothing opens), and images never come from a label's
text (a form's own images come from its ``image`` columns). Text that is not markup is
escaped, so ``a < b`` and ``5 > 3`` read as written. :func:`to_plain_text` is the text
without any markup (for lists, buttons and the printed record).
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(
    r"<(?:(/)\s*)?([A-Za-z][A-Za-z0-9]*)"
    r"((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>=`]+))?)*)"
    r"\s*(/?)>"
)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_DROP_WITH_CONTENT = re.compile(
    r"<\s*(script|style|head|title|iframe|object|embed|svg|math|template)\b[^>]*>.*?"
    r"(?:<\s*/\s*\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)
#: Tags kept (attributes dropped unless below) -> the tag written for Qt.
_KEPT = {
    "b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "s": "s", "strike": "s",
    "del": "s", "br": "br", "p": "p", "div": "div", "span": "span", "font": "span",
    "small": "small", "big": "big", "sub": "sub", "sup": "sup", "ul": "ul", "ol": "ol",
    "li": "li", "code": "code", "pre": "pre", "h1": "h1", "h2": "h2", "h3": "h3",
    "h4": "h4", "h5": "h5", "h6": "h6", "blockquote": "blockquote", "center": "center",
}  # fmt: skip
_VOID = frozenset({"br"})
_ATTRIBUTE = re.compile(r"([A-Za-z-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+)")
_COLOUR = re.compile(
    r"#[0-9A-Fa-f]{3,8}|[A-Za-z]{3,30}|rgba?\(\s*\d{1,3}%?\s*(?:,\s*[\d.]+%?\s*){2,3}\)"
)
_FONT_FAMILY = re.compile(r"[A-Za-z0-9 ,'\"_-]{1,80}")
_STYLE_VALUES = {
    "color": _COLOUR,
    "background-color": _COLOUR,
    "font-family": _FONT_FAMILY,
    "font-weight": re.compile(r"bold|normal|[1-9]00"),
    "font-style": re.compile(r"italic|normal|oblique"),
    "text-decoration": re.compile(r"underline|line-through|none"),
    "font-size": re.compile(r"(?:x{1,2}-)?(?:small|large)|medium|\d{1,2}(?:\.\d)?(?:pt|px|em|%)"),
}
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
#: Sizes relative to the label's own font (a label is already bold, a title large).
_HEADING_SIZES = {1: "x-large", 2: "large", 3: "medium", 4: "medium", 5: "medium", 6: "medium"}
_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*([^)\s]+)\s*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_EMPHASIS_STAR = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*", re.DOTALL)
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w])", re.DOTALL)
_ESCAPABLE = "\\*_#[]()`>-!"
_ENTITY = re.compile(r"&amp;(#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: Private-use characters stand for kept tags and escaped marks while Markdown is read.
_SLOT = 0xF0000


def _style(value: str) -> str:
    """Only the declarations of :data:`_STYLE_VALUES` whose value is plain."""
    kept = []
    for declaration in value.split(";"):
        name, _sep, raw = declaration.partition(":")
        name, raw = name.strip().lower(), raw.strip()
        pattern = _STYLE_VALUES.get(name)
        if pattern is not None and pattern.fullmatch(raw):
            kept.append(f"{name}:{raw}")
    return "; ".join(kept)


def _safe_tag(match: re.Match[str]) -> str | None:
    """The tag written for Qt, or None to drop it."""
    closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
    kept = _KEPT.get(name)
    if kept is None:
        return None
    if closing:
        return None if kept in _VOID else f"</{kept}>"
    if kept in _VOID:
        return f"<{kept}>"
    style = ""
    for attribute, raw in _ATTRIBUTE.findall(attributes or ""):
        value = html.unescape(raw.strip("\"'"))
        attribute = attribute.lower()
        if attribute == "style":
            style = "; ".join(x for x in (style, _style(value)) if x)
        elif name == "font" and attribute == "color" and _COLOUR.fullmatch(value):
            style = "; ".join(x for x in (style, f"color:{value}") if x)
        elif name == "font" and attribute == "face" and _FONT_FAMILY.fullmatch(value):
            style = "; ".join(x for x in (style, f"font-family:{value}") if x)
    if style:
        return f'<{kept} style="{html.escape(style)}">'
    return f"<{kept}>"


class _Slots:
    """Text put aside while the rest is escaped and read as Markdown."""

    def __init__(self) -> None:
        self.kept: list[str] = []

    def put(self, text: str) -> str:
        self.kept.append(text)
        return chr(_SLOT + len(self.kept) - 1)

    def restore(self, text: str) -> str:
        return re.sub(
            f"[{chr(_SLOT)}-{chr(_SLOT + 0xFFFD)}]",
            lambda m: self.kept[ord(m.group()) - _SLOT],
            text,
        )


def _prepare(text: str, slots: _Slots, *, keep_tags: bool) -> str:
    text = re.sub(f"[{chr(_SLOT)}-{chr(_SLOT + 0xFFFD)}]", "", text)  # never in a label
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _COMMENT.sub("", text)
    text = _DROP_WITH_CONTENT.sub("", text)
    text = re.sub(
        r"\\([" + re.escape(_ESCAPABLE) + r"\\])", lambda m: slots.put(html.escape(m[1])), text
    )

    def tag(match: re.Match[str]) -> str:
        safe = _safe_tag(match) if keep_tags else None
        if not keep_tags and match.group(2).lower() in ("br", "p", "div", "li"):
            return "\n" if match.group(2).lower() == "br" or match.group(1) else ""
        return slots.put(safe) if safe else ""

    return _TAG.sub(tag, text)


def _heading(match: re.Match[str]) -> str:
    size = _HEADING_SIZES[len(match.group(1))]
    return f'<span style="font-size:{size}; font-weight:bold">{match.group(2)}</span>'


def _link(match: re.Match[str]) -> str:
    text, address = match.group(1), match.group(2)
    return f"<u>{text}</u>" if address == text else f"<u>{text}</u> ({address})"


def to_rich_text(text: str) -> str:
    """``text`` (a label or hint, ``${…}`` already filled in) as safe Qt rich text."""
    if not text:
        return ""
    slots = _Slots()
    text = _prepare(text, slots, keep_tags=True)
    text = html.escape(text, quote=False)
    text = _ENTITY.sub(lambda m: f"&{m.group(1)};", text)
    text = _HEADING.sub(_heading, text)
    text = _LINK.sub(_link, text)
    text = _STRONG.sub(r"<b>\2</b>", text)
    text = _EMPHASIS_STAR.sub(r"<i>\1</i>", text)
    text = _EMPHASIS_UNDERSCORE.sub(r"<i>\1</i>", text)
    text = text.replace("\n", "<br>")
    return slots.restore(text)


def to_plain_text(text: str) -> str:
    """``text`` without markup: tags and Markdown marks removed, entities read, a link
    as its text; line breaks kept (``<br>`` and paragraphs become line breaks)."""
    if not text:
        return ""
    slots = _Slots()
    text = _prepare(text, slots, keep_tags=False)
    text = _HEADING.sub(lambda m: m.group(2), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS_STAR.sub(r"\1", text)
    text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    text = html.unescape(slots.restore(text))
    return re.sub(r"[ \t]+\n", "\n", text).strip()


def short_title(text: str, limit: int = 48) -> str:
    """The first line of ``text`` without markup, cut at a word near ``limit`` characters
    (with "…"): a heading for a list of sections, never a whole paragraph."""
    lines = [" ".join(line.split()) for line in to_plain_text(text).splitlines()]
    first = next((line for line in lines if line), "")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0] if " " in first[:limit] else first[:limit]
    return cut.rstrip(",.;:-–— ") + "…"
