"""Imports go one way: `ui` -> `auditor`. The core never imports Qt or the GUI."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui")


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", "") == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            roots.add(str(node.args[0].value).split(".")[0])
    return roots


def test_core_never_imports_qt_or_ui() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_roots(path) & set(FORBIDDEN))
        for path in (ROOT / "auditor").rglob("*.py")
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_checker_sees_a_qt_import(tmp_path: Path) -> None:
    # The check above must be able to fail.
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport ui.app\n")
    assert {"PySide6", "ui"} <= _imported_roots(bad)


# A fresh clone has nothing beside it: no code, test or script may reach a sibling folder.
_OUTSIDE = re.compile(r"""(\.\./shared|['"]shared['"]|parents\[\d+\]\.parent|\.\./\.\./)""")
_SCANNED = ("auditor", "ui", "tests", "scripts", "bench", "packaging", ".ci")


def _scanned_files(root: Path) -> list[Path]:
    files = []
    for top in _SCANNED:
        for folder, dirs, names in os.walk(root / top):
            dirs[:] = [d for d in dirs if d not in ("node_modules", "__pycache__")]
            files += [
                Path(folder) / n for n in names if Path(n).suffix in (".py", ".sh", ".spec", "")
            ]
    return [f for f in files if f != Path(__file__).resolve()]


def _outside_references(root: Path) -> list[str]:
    hits = []
    for path in _scanned_files(root):
        text = path.read_text("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if _OUTSIDE.search(line):
                hits.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    makefile = root / "Makefile"
    hits += [f"Makefile: {line}" for line in makefile.read_text().splitlines() if "../" in line]
    return hits


def test_nothing_refers_to_a_folder_outside_the_repository() -> None:
    assert _outside_references(ROOT) == []


def test_outside_reference_check_can_fail(tmp_path: Path) -> None:
    (tmp_path / "auditor").mkdir()
    sibling = "sha" + "red"  # spelled in two parts so that this file holds no such reference
    (tmp_path / "auditor" / "x.py").write_text(
        f'REF = Path(__file__).resolve().parents[2].parent / "{sibling}" / "reference"\n'
    )
    (tmp_path / "Makefile").write_text(f"all:\n\tcat ../{sibling}/x\n")
    assert len(_outside_references(tmp_path)) == 2
