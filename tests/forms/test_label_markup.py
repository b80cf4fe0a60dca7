"""Labels formatted as ODK formats them, as rich text that can load and run nothing."""

from __future__ import annotations

import pytest

from fieldsurvey.forms.label_markup import short_title, to_plain_text, to_rich_text


@pytest.mark.parametrize(
    ("label", "rich"),
    [
        ("**Chú ý** và *lưu ý*", "<b>Chú ý</b> và <i>lưu ý</i>"),
        ("__strong__ and _em_", "<b>strong</b> and <i>em</i>"),
        ("member_name and ${hh_head}_age", "member_name and ${hh_head}_age"),  # not emphasis
        ("Line 1\nLine 2", "Line 1<br>Line 2"),
        (
            "# Thông tin hộ\nTrả lời",
            '<span style="font-size:x-large; font-weight:bold">Thông tin hộ</span><br>Trả lời',
        ),
        ("### Small", '<span style="font-size:medium; font-weight:bold">Small</span>'),
        ('<span style="color:#c00">đỏ</span>', '<span style="color:#c00">đỏ</span>'),
        (
            '<span style="font-family:Arial; color: red">x</span>',
            '<span style="font-family:Arial; color:red">x</span>',
        ),
        ('<font color="blue">x</font>', '<span style="color:blue">x</span>'),
        ("<b>bold</b><br/>next", "<b>bold</b><br>next"),
        ("\\*not emphasis\\*", "*not emphasis*"),
        ("age < 5 and 6 > 3 & more", "age &lt; 5 and 6 &gt; 3 &amp; more"),
        ("&nbsp;&eacute;", "&nbsp;&eacute;"),
        ("[ODK docs](https://docs.getodk.org)", "<u>ODK docs</u> (https://docs.getodk.org)"),
    ],
)
def test_markdown_and_html_become_rich_text(label: str, rich: str) -> None:
    assert to_rich_text(label) == rich


@pytest.mark.parametrize(
    "label",
    [
        "<script>alert(1)</script>",
        "<style>body{background:url(http://x/y.png)}</style>",
        '<img src="http://tracker.example/p.png">',
        '<img src="file:///etc/passwd">',
        '<a href="http://example.org">x</a>',
        '<span style="background-image:url(http://x/y.png)">x</span>',
        '<span style="color:expression(alert(1))">x</span>',
        '<b onclick="alert(1)" style="color:red">x</b>',
        '<iframe src="http://x"></iframe>',
        "<!-- <img src=http://x> -->",
        '<link rel="stylesheet" href="http://x/s.css">',
    ],
)
def test_nothing_remote_nor_runnable_survives(label: str) -> None:
    rich = to_rich_text(label).lower()
    for bad in ("<script", "<img", "<a ", "href", "url(", "expression", "onclick", "<iframe"):
        assert bad not in rich
    assert "http://" not in rich or "(http://" in rich


def test_plain_text_has_no_marks() -> None:
    label = "# **Phần A**: <span style='color:red'>thông tin</span> _hộ_\nDòng hai"
    assert to_plain_text(label) == "Phần A: thông tin hộ\nDòng hai"
    assert to_plain_text("a &amp; b<br>c") == "a & b\nc"


def test_a_section_title_is_a_short_first_line() -> None:
    note = (
        "Xin chào. Chúng tôi đang khảo sát điều kiện sống của các hộ trong phường, "
        "câu trả lời được giữ bí mật.\nCảm ơn anh chị."
    )
    title = short_title(note)
    assert title == "Xin chào. Chúng tôi đang khảo sát điều kiện…"
    assert len(title) <= 49
    assert short_title("## Thành viên hộ\nMô tả") == "Thành viên hộ"
    assert short_title("") == ""
