"""Vietnamese is complete, built, and switches at once; English stays available."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.i18n import translations
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.unlock_dialog import UnlockDialog

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "fieldsurvey_vi.ts"


def _tool_module():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    return [
        m.findtext("source") or ""
        for m in root.iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]


def test_every_string_of_the_ui_has_a_vietnamese_translation(tmp_path) -> None:
    tool = _tool_module()
    copy = tmp_path / "fieldsurvey_vi.ts"
    shutil.copy(TS, copy)
    tool.lupdate(copy)  # adds any string in the code that the .ts does not know yet
    assert _unfinished(copy) == []
    assert len(list(ET.parse(copy).getroot().iter("message"))) > 150


def test_the_shipped_qm_is_built_from_the_ts() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture
def restore_language():
    yield
    translations.install("en")


def test_language_switch_retranslates_an_open_window(qtbot, tmp_path, restore_language) -> None:
    Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap()).close()
    translations.install("en")
    dialog = UnlockDialog(tmp_path / "ws", TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "Unlock your workspace"
    dialog.language.setCurrentIndex(dialog.language.findData("vi"))
    qtbot.waitUntil(lambda: dialog.title.text() == "Mở khoá không gian làm việc")
    assert dialog.unlock_button.text() == "&Mở khoá"
    assert translations.saved_language() == "vi"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.waitUntil(lambda: dialog.title.text() == "Unlock your workspace")
