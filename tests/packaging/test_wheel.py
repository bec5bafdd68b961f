"""The built wheel, installed into a fresh virtual environment, works on its own: entry points,
package data (rules, policy packs, schemas, demo capture) and the desktop app's self-test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Build output, environments and caches a work tree collects: setuptools reuses a stale `build/lib`
# (a module moved out of the package would still ship), so the wheel is built from a copy without them.
NOT_SOURCES = shutil.ignore_patterns(
    "build",
    "dist",
    ".venv",
    "venv",
    "node_modules",
    ".git",
    "*.egg-info",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
)


def _run(cmd: list[str], env: dict[str, str], cwd: Path, timeout: float = 600) -> str:
    proc = subprocess.run(
        cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert proc.returncode == 0, f"{cmd} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES, symlinks=True)
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(source)],
        env,
        work,
    )
    wheels = list(dist.glob("meeting_privacy_auditor-*.whl"))
    assert len(wheels) == 1
    target = work / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    bin_dir = target / "bin"
    # Dependencies come from pip's cache after `make setup`; the package itself only from the wheel.
    _run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheels[0])], env, work)
    run_dir = work / "elsewhere"  # not the work tree: nothing may be imported from the checkout
    run_dir.mkdir()
    env = {
        **env,
        "AUDITOR_DATA_DIR": str(work / "data"),
        "AUDITOR_PASSPHRASE": "wheel-test-passphrase",
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
    }
    return bin_dir, env, run_dir


def test_installed_package_is_not_the_work_tree(
    installed: tuple[Path, dict[str, str], Path],
) -> None:
    bin_dir, env, cwd = installed
    where = _run(
        [
            str(bin_dir / "python"),
            "-c",
            "import auditor, ui; print(auditor.__file__); print(ui.__file__)",
        ],
        env,
        cwd,
    )
    for line in where.split():
        assert str(bin_dir.parent) in line


def test_wheel_holds_no_build_time_code(installed: tuple[Path, dict[str, str], Path]) -> None:
    # The pack builder and the demo HAR generator live in tools/, outside the package.
    bin_dir, env, cwd = installed
    found = _run(
        [
            str(bin_dir / "python"),
            "-c",
            "import importlib.util as u; from auditor.policy.packs import default_reference_dir as d;"
            "print([u.find_spec(m) for m in ('tools', 'auditor.policy.build',"
            " 'auditor.demo.generate_har')], d().is_dir())",
        ],
        env,
        cwd,
    )
    assert found.strip() == "[None, None, None] True"


def test_cli_help(installed: tuple[Path, dict[str, str], Path]) -> None:
    bin_dir, env, cwd = installed
    out = _run([str(bin_dir / "auditor"), "--help"], env, cwd)
    for command in ("capture", "launch", "import", "flows", "report", "export", "policy", "ca"):
        assert command in out


def test_import_demo_capture_labels_flows(installed: tuple[Path, dict[str, str], Path]) -> None:
    bin_dir, env, cwd = installed
    demo = _run(
        [
            str(bin_dir / "python"),
            "-c",
            "from auditor.demo import DEMO_HAR; print(DEMO_HAR)",
        ],
        env,
        cwd,
    ).strip()
    assert Path(demo).is_file() and str(bin_dir.parent) in demo
    _run([str(bin_dir / "auditor"), "import", demo, "--session", "wheel"], env, cwd)
    lines = _run(
        [str(bin_dir / "auditor"), "flows", "--session", "wheel", "--format", "jsonl"], env, cwd
    )
    records = [json.loads(line) for line in lines.splitlines() if line.strip()]
    assert len(records) >= 5
    categories = {lab["category"] for rec in records for lab in rec["labels"]}
    # Rules and detectors came from package data: telemetry and identifiers are recognised.
    assert any(c.startswith("service_generated.") for c in categories)
    assert any(c.startswith("identifiers.") for c in categories)
    # Policy packs came from package data too.
    assert any(rec["policy"] for rec in records)


def test_policy_packs_are_installed(installed: tuple[Path, dict[str, str], Path]) -> None:
    bin_dir, env, cwd = installed
    out = _run([str(bin_dir / "auditor"), "policy", "list"], env, cwd)
    assert "zoom/terms-of-service" in out


def test_gui_self_test(installed: tuple[Path, dict[str, str], Path]) -> None:
    bin_dir, env, cwd = installed
    _run([str(bin_dir / "auditor-gui"), "--self-test"], env, cwd, timeout=180)
