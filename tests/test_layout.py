"""Imports go one way: `ui` -> `auditor`. The core never imports Qt or the GUI; only `ui/qt.py`
imports Qt; the plain-record modules are leaves; nothing shipped imports the build-time `tools/`."""

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


QT = {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
QT_MODULE = "ui/qt.py"  # the one module that imports Qt; everything else imports from it
_PYTHON_TREES = ("auditor", "ui", "tools", "tests", "bench", "scripts", "packaging")


def _python_files(root: Path) -> list[Path]:
    return sorted(
        path
        for top in _PYTHON_TREES
        for path in (root / top).rglob("*.py")
        if "node_modules" not in path.parts and ".venv" not in path.parts
    )


def _qt_importers(root: Path) -> list[str]:
    return [
        path.relative_to(root).as_posix()
        for path in _python_files(root)
        if _imported_roots(path) & QT and path.relative_to(root).as_posix() != QT_MODULE
    ]


def test_only_ui_qt_imports_qt() -> None:
    assert (ROOT / QT_MODULE).is_file() and _imported_roots(ROOT / QT_MODULE) & QT
    assert _qt_importers(ROOT) == []


def test_qt_importer_check_can_fail(tmp_path: Path) -> None:
    for rel, text in (
        ("ui/qt.py", "from PySide6 import QtCore\n"),
        ("ui/window.py", "def f():\n    from PySide6.QtWidgets import QWidget\n"),
        ("bench/x.py", "import shiboken6\n"),
        ("auditor/ok.py", "from ui.qt import QtCore\n"),
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    assert _qt_importers(tmp_path) == ["bench/x.py", "ui/window.py"]


# The plain-record modules every part hands on import nothing else from the project (the standard
# library only), or one another: anything they import, every importer of a record pulls in.
LEAVES = ("auditor/records.py", "auditor/taxonomy.py", "auditor/vocabulary.py")
PROJECT = ("auditor", "ui", "tools")


def _module_name(rel: str) -> str:
    return rel.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _imported_modules(path: Path, module: str) -> set[str]:
    """Every module `path` (module `module`) imports, anywhere in it, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # `from auditor import vocabulary` imports a module, `from x.y import name` x.y.
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _leaf_violations(root: Path) -> dict[str, list[str]]:
    leaves = {_module_name(rel) for rel in LEAVES}
    found = {}
    for rel in LEAVES:
        project = {
            name
            for name in _imported_modules(root / rel, _module_name(rel))
            if name.split(".")[0] in PROJECT
        }
        # "from auditor.vocabulary import x" also yields "auditor.vocabulary.x": judge the module.
        bad = sorted(
            name
            for name in project
            if name not in leaves and name.rpartition(".")[0] not in leaves and name != "auditor"
        )
        if bad:
            found[rel] = bad
    return found


def test_record_modules_are_leaves() -> None:
    assert _leaf_violations(ROOT) == {}


def test_leaf_check_can_fail(tmp_path: Path) -> None:
    (tmp_path / "auditor").mkdir()
    (tmp_path / "auditor" / "records.py").write_text(
        "from auditor.vocabulary import is_secret_key\nfrom .taxonomy import CATEGORIES\n"
        "def f():\n    from auditor.store import codec\n"
    )
    (tmp_path / "auditor" / "taxonomy.py").write_text("from . import enrich\n")
    (tmp_path / "auditor" / "vocabulary.py").write_text("import re\nimport ui.qt\n")
    assert _leaf_violations(tmp_path) == {
        "auditor/records.py": ["auditor.store", "auditor.store.codec"],
        "auditor/taxonomy.py": ["auditor.enrich"],
        "auditor/vocabulary.py": ["ui.qt"],
    }


def _tools_importers(root: Path) -> list[str]:
    return [
        path.relative_to(root).as_posix()
        for top in ("auditor", "ui")
        for path in sorted((root / top).rglob("*.py"))
        if "tools" in _imported_roots(path)
    ]


def test_shipped_code_never_imports_build_tools() -> None:
    assert _tools_importers(ROOT) == []


def test_tools_importer_check_can_fail(tmp_path: Path) -> None:
    (tmp_path / "auditor" / "demo").mkdir(parents=True)
    (tmp_path / "ui").mkdir()
    (tmp_path / "auditor" / "demo" / "x.py").write_text("from tools.demo_har import build_har\n")
    assert _tools_importers(tmp_path) == ["auditor/demo/x.py"]


# A fresh clone has nothing beside it: no code, test or script may reach a sibling folder.
_OUTSIDE = re.compile(r"""(\.\./shared|['"]shared['"]|parents\[\d+\]\.parent|\.\./\.\./)""")
_SCANNED = ("auditor", "ui", "tools", "tests", "scripts", "bench", "packaging", ".ci")


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
