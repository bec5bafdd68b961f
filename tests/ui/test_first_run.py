"""A newcomer's first run: what `make run` installs, no display, no keyring (the passphrase prompt
and the one explanation of what to do), the wizard's real causes, entering known values (and their
absence in clear from the data dir), and the small things a first look showed."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from auditor.paths import DataDir
from auditor.store import open_store
from auditor.store.keys import read_header
from tests.helpers.keyring_lock import locked_login_keyring
from tests.ui.conftest import capture_command
from ui.checks import check_keyring, keyring_problem, store_access
from ui.flowmodel import SummaryRole
from ui.mainwindow import MainWindow
from ui.passphrase import PassphraseDialog
from ui.qt import QApplication, QDialog, QLabel, QTimer
from ui.settings import AppSettings, SettingsDialog

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "Zelda.Quux@Example.org"
NAME = "Zelda Quuxington"


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No usable keyring backend and no passphrase given: what a bare machine looks like."""
    monkeypatch.delenv("AUDITOR_PASSPHRASE")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def clear_forms(*values: str) -> list[bytes]:
    forms = {f for v in values for f in (v, v.lower(), v.upper())}
    return [f.encode(enc) for f in forms for enc in ("utf-8", "utf-16-le")]


def files_in_clear(root: Path, *values: str) -> list[str]:
    needles = clear_forms(*values)
    return [
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and any(n in p.read_bytes() for n in needles)
    ]


# ------------------------------------------------------------------ make run, no display


def test_make_run_installs_the_app_only_and_make_test_the_rest() -> None:
    def dry_run(target: str) -> str:
        out = subprocess.run(
            ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True
        )
        return out.stdout

    run = dry_run("run")
    assert "setup-system.sh app" in run
    assert "pip install -q -e ." in run
    assert "[dev]" not in run and "npm" not in run and "node" not in run
    test = dry_run("test")
    assert "setup-system.sh test" in test
    assert "'.[dev]'" in test and "npm ci" in test


def test_setup_system_for_the_app_needs_no_node(tmp_path: Path) -> None:
    # A PATH with only what the script itself calls: no node, no npm, no apt-get.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("dpkg-query", "grep", "id"):
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    bash = shutil.which("bash") or "/bin/bash"
    app = subprocess.run(
        [bash, "scripts/setup-system.sh", "app"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert app.returncode == 0, app.stderr  # the app's packages are here; Node is not asked for
    assert "node" not in app.stderr.lower()
    tests = subprocess.run(
        [bash, "scripts/setup-system.sh", "test"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    # The tests do need Node: it is missing here, and without apt-get the script says so.
    assert tests.returncode == 1 and "nodejs" in tests.stderr and "npm" in tests.stderr


def test_no_display_is_one_line_and_exit_1(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "ui.app", "--data-dir", str(tmp_path / "d")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert "no display" in done.stderr and "xcb" not in done.stderr
    assert not (tmp_path / "d").exists()  # nothing made before saying so


# ------------------------------------------------------------------ the keyring's real causes


def _probe(env: dict[str, str]) -> dict[str, object]:
    code = (
        "import json; from ui.checks import keyring_problem, store_access;"
        "import sys; p = keyring_problem(); a = store_access(__import__('pathlib').Path(sys.argv[1]));"
        "print(json.dumps({'problem': p, 'state': a.state}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, env["PROBE_DIR"]],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    result: dict[str, object] = json.loads(out.stdout.splitlines()[-1])
    return result


def test_wizard_names_no_secret_service_on_the_bus(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PROBE_DIR=str(tmp_path / "d"))
    env.pop("AUDITOR_PASSPHRASE", None)
    # A fresh session bus with no keyring daemon on it.
    dbus_run = shutil.which("dbus-run-session")
    assert dbus_run
    code = (
        "import json, sys; from pathlib import Path; from ui.checks import keyring_problem,"
        " store_access; print(json.dumps({'problem': keyring_problem(),"
        " 'state': store_access(Path(sys.argv[1])).state}))"
    )
    # No service directories: nothing (gnome-keyring included) is started on demand.
    config = tmp_path / "bus.conf"
    config.write_text(
        '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" '
        '"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">'
        f"<busconfig><type>session</type><listen>unix:dir={tmp_path}</listen>"
        '<policy context="default"><allow send_destination="*" eavesdrop="true"/>'
        '<allow eavesdrop="true"/><allow own="*"/></policy></busconfig>'
    )
    out = subprocess.run(
        [
            dbus_run,
            f"--config-file={config}",
            "--",
            sys.executable,
            "-c",
            code,
            str(tmp_path / "d"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.splitlines()[-1])
    message, fix = result["problem"]
    assert "No Secret Service is running on the session bus" in message
    # gnome-keyring is installed here: the fix must not say to install it.
    assert "installed but not running" in fix and "apt install" not in fix
    assert result["state"] == "create"  # a new store can still be made with a passphrase
    # And with no session bus at all.
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = _probe(env)
    problem = result["problem"]
    assert isinstance(problem, list) and "bus" in problem[0]


def test_wizard_names_a_locked_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUDITOR_PASSPHRASE")
    with locked_login_keyring():
        problem = keyring_problem()
        result = check_keyring()
    assert problem is not None and "is locked" in problem[0]
    assert not result.ok and "Use a passphrase" in result.fix
    assert keyring_problem() is None  # unlocked again


# ------------------------------------------------------------------ the passphrase prompt


def test_passphrase_prompt_creates_then_unlocks_the_same_argon2_store(
    qtbot: QtBot, fresh_dir: Path, no_keyring: None, tmp_path: Path
) -> None:
    access = store_access(fresh_dir)
    assert access.state == "create" and "No usable OS keyring" in access.message
    dialog = PassphraseDialog(fresh_dir, "create", access.message)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText("short")
    dialog.repeat.setText("short")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "at least 8" in dialog.error.text()
    dialog.passphrase.setText("a long passphrase")
    dialog.repeat.setText("a long passphrase!")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "differ" in dialog.error.text()
    dialog.repeat.setText("a long passphrase")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    header = read_header(DataDir(fresh_dir))
    assert header is not None and header.key_source == "passphrase" and header.kdf == "argon2id"
    # The command line opens the same store with --passphrase-file.
    os.environ.pop("AUDITOR_PASSPHRASE", None)
    pf = tmp_path / "pass"
    pf.write_text("a long passphrase\n")
    open_store(DataDir(fresh_dir), passphrase_file=pf).close()
    # Next start: asked to unlock; a wrong passphrase keeps the dialog open with the reason.
    assert store_access(fresh_dir).state == "unlock"
    unlock = PassphraseDialog(fresh_dir, "unlock")
    qtbot.addWidget(unlock)
    unlock.show()
    assert not unlock.repeat.isVisible()
    unlock.passphrase.setText("wrong passphrase")
    unlock.buttons.accepted.emit()
    assert unlock.isVisible() and "Wrong passphrase" in unlock.error.text()
    assert "AUDITOR_PASSPHRASE" not in os.environ
    unlock.passphrase.setText("a long passphrase")
    unlock.buttons.accepted.emit()
    assert unlock.result() == QDialog.DialogCode.Accepted
    assert os.environ["AUDITOR_PASSPHRASE"] == "a long passphrase"  # for the capture child too


def test_app_start_asks_once(qtbot: QtBot, fresh_dir: Path, no_keyring: None) -> None:
    from ui.app import ask_for_store_key

    shown: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(20, answer)
            return
        shown.append(dialog.mode)
        dialog.passphrase.setText("first run passphrase")
        dialog.repeat.setText("first run passphrase")
        dialog.buttons.accepted.emit()

    QTimer.singleShot(20, answer)
    assert ask_for_store_key(fresh_dir, None) is None
    assert shown == ["create"]
    # Cancelled: what stands in the way goes to the window, no second dialog.
    os.environ.pop("AUDITOR_PASSPHRASE")

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(20, cancel)
            return
        shown.append(dialog.mode)
        dialog.reject()

    QTimer.singleShot(20, cancel)
    problem = ask_for_store_key(fresh_dir, None)
    assert problem is not None and problem.state == "unlock"
    assert shown == ["create", "unlock"]


# ------------------------------------------------------------------ the no-keyring first screen


def _keyring_store(root: Path) -> None:
    """A store whose key lives in the keyring (the default), made while the keyring works."""
    passphrase = os.environ.pop("AUDITOR_PASSPHRASE", None)
    try:
        open_store(DataDir(root)).close()
    finally:
        if passphrase is not None:
            os.environ["AUDITOR_PASSPHRASE"] = passphrase
    header = read_header(DataDir(root))
    assert header is not None and header.key_source == "keyring"


def test_no_keyring_first_screen_explains_in_one_place(
    qtbot: QtBot, fresh_dir: Path, no_keyring: None
) -> None:
    from keyring.backends import SecretService

    keyring.set_keyring(SecretService.Keyring())
    _keyring_store(fresh_dir)
    keyring.set_keyring(fail.Keyring())
    problem = store_access(fresh_dir)
    assert problem.state == "blocked" and "OS keyring" in problem.message
    win = MainWindow(fresh_dir, settings=AppSettings(first_run_done=True), store_problem=problem)
    qtbot.addWidget(win)
    win.show()
    win.open_demo()  # from the File menu or --demo: must not promise a demo that cannot come
    win.refresh_sessions()
    qtbot.wait(400)
    hint = win.empty.text()
    assert win.empty.isVisible() and "The encrypted store is not open" in hint
    assert "OS keyring" in hint and "Check again" in hint
    assert "Opening the encrypted store" not in hint
    assert "Building" not in win.statusBar().currentMessage()
    assert not win.banner.isVisible()  # one place, not a banner beside it
    assert not win.act_capture.isEnabled() and not win.act_demo.isEnabled()
    assert win.capture_label.text() == "No store: capture unavailable"


def test_no_keyring_first_screen_takes_a_passphrase(
    qtbot: QtBot, fresh_dir: Path, no_keyring: None
) -> None:
    problem = store_access(fresh_dir)
    assert problem.state == "create"
    win = MainWindow(fresh_dir, settings=AppSettings(first_run_done=True), store_problem=problem)
    qtbot.addWidget(win)
    win.show()
    assert "Use a passphrase instead" in win.empty.text()
    win.empty.linkActivated.emit("passphrase")
    dialog = win.findChild(PassphraseDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.passphrase.setText("window passphrase")
    dialog.repeat.setText("window passphrase")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "No flows yet" in win.empty.text(), timeout=20000)
    assert win.store_problem is None and win.act_capture.isEnabled()
    with qtbot.waitSignal(win.demoReady, timeout=60000):
        win.open_demo()
    qtbot.waitUntil(lambda: win.model.total > 10, timeout=20000)


def test_a_capture_that_never_started_offers_no_restart(qtbot: QtBot, fresh_dir: Path) -> None:
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    try:
        win = MainWindow(
            fresh_dir,
            settings=AppSettings(first_run_done=True, capture_port=port),
            capture_command=capture_command(),
        )
        qtbot.addWidget(win)
        win.show()
        with qtbot.waitSignal(win.capture.died, timeout=60000):
            win.start_capture("busy")
        assert win.banner.isVisible() and "could not start" in win.banner.text.text()
        assert not win.banner.button.isVisible()  # a Restart would fail the same way
        assert win.capture_label.text() == "Capture not started"
        win.close()
    finally:
        busy.close()


# ------------------------------------------------------------------ known values in the GUI


@pytest.fixture
def demo_copy(demo_dir: Path, tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(demo_dir, root)
    return root


def test_known_values_entered_in_the_wizard_are_kept_encrypted(
    qtbot: QtBot, demo_copy: Path
) -> None:
    from auditor.store import FlowQuery
    from tests.store.conftest import make_flow

    with open_store(DataDir(demo_copy)) as store:
        sent = make_flow("mine", method="GET", path=f"/t?e={EMAIL.lower()}", req_body=None)
        store.add_flows([sent])
        total = store.count_flows(FlowQuery())
    win = MainWindow(demo_copy, settings=AppSettings(first_run_done=True))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.known_values is not None, timeout=20000)
    wizard = win.open_wizard()
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.known_page
    editor = wizard.known_page.editor
    assert editor.isEnabled()
    editor.kind.setCurrentIndex(editor.kind.findData("email"))
    editor.value.setText(EMAIL)
    editor.add_button.click()
    assert editor.add("name", NAME)
    assert not editor.add("name", "Al") and "Too short" in editor.error.text()
    wizard.next()
    assert wizard.currentPage().title() == "Ready"
    wizard.open_demo.setChecked(False)
    with qtbot.waitSignal(win.knownValuesSaved, timeout=60000) as saved:
        wizard.accept()
    assert saved.args == [total]  # every stored flow labelled again
    with open_store(DataDir(demo_copy), readonly=True) as store:
        assert store.known_values() == {"email": [EMAIL], "name": [NAME]}
        record = store.get_flow(sent.id)
    assert record is not None
    assert any(e.rule == "known_value.email" for lab in record.labels for e in lab.evidence)
    win.close()
    assert files_in_clear(demo_copy, EMAIL, NAME) == []


def test_settings_edits_known_values_and_shows_no_literal_ampersand(
    qtbot: QtBot, demo_copy: Path
) -> None:
    win = MainWindow(demo_copy, settings=AppSettings(first_run_done=True))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.known_values is not None, timeout=20000)
    dialog = SettingsDialog(
        win.settings, demo_copy, [], win, known_values={"email": [EMAIL], "name": [NAME]}
    )
    qtbot.addWidget(dialog)
    dialog.show()
    # A mnemonic "&" shows as an underline only on a label with a buddy; elsewhere it is literal.
    for label in dialog.findChildren(QLabel):
        if "&" in label.text().replace("&&", "") and not label.text().startswith("<"):
            assert label.buddy() is not None, label.text()
    assert dialog.edited_known_values() is None
    dialog.known_editor.table.selectRow(1)
    dialog.known_editor.remove_selected()
    assert dialog.known_editor.add("meeting_id", "8123456789")
    assert dialog.edited_known_values() == {"email": [EMAIL], "meeting_id": ["8123456789"]}
    with qtbot.waitSignal(win.knownValuesSaved, timeout=60000):
        win.save_known_values(dialog.edited_known_values() or {})
    with open_store(DataDir(demo_copy), readonly=True) as store:
        assert store.known_values() == {"email": [EMAIL], "meeting_id": ["8123456789"]}
    win.close()
    assert files_in_clear(demo_copy, EMAIL, "8123456789") == []
    # Without a store the editor is off and says why.
    closed = SettingsDialog(AppSettings(), demo_copy, [], None, known_values=None)
    qtbot.addWidget(closed)
    assert not closed.known_editor.isEnabled() and closed.edited_known_values() is None


# ------------------------------------------------------------------ the rest of the first look


@pytest.fixture
def demo_window(qtbot: QtBot, demo_copy: Path) -> Iterator[MainWindow]:
    win = MainWindow(demo_copy, settings=AppSettings(first_run_done=True))
    qtbot.addWidget(win)
    win.show()
    win.select_session("demo")
    qtbot.waitUntil(lambda: win.session == "demo" and win.model.total > 10, timeout=15000)
    yield win
    win.close()


def test_first_screen_selects_a_labelled_flow(qtbot: QtBot, demo_window: MainWindow) -> None:
    win = demo_window
    qtbot.waitUntil(lambda: win.current_flow is not None, timeout=15000)
    first = win.model.index(0, 0).data(SummaryRole)
    selected = win.table.currentIndex().data(SummaryRole)
    assert selected.labels, "the first screen shows a flow with nothing in it"
    if not first.labels:
        assert selected.id != first.id


def test_a_new_capture_clears_the_last_flows_panes(qtbot: QtBot, demo_window: MainWindow) -> None:
    win = demo_window
    qtbot.waitUntil(lambda: win.policy.record is not None, timeout=15000)
    win.clear_flow_panes()
    assert win.current_flow is None and win.policy.record is None
    assert win.detail.record is None and "Select a flow" in win.detail.title.text()
    assert not win.table.currentIndex().isValid()


def test_overview_says_when_a_filter_narrows_it(qtbot: QtBot, demo_window: MainWindow) -> None:
    win = demo_window
    with qtbot.waitSignal(win.overviewShown, timeout=15000):
        win.tabs.setCurrentIndex(1)
    assert "filter" not in win.overview.summary.text()
    with qtbot.waitSignal(win.overviewShown, timeout=15000):
        win.filter_bar.edit.setText("~e Sentry")
        win.filter_bar.edit.returnPressed.emit()
        win.refresh_overview()
    assert "only flows matching the filter “~e Sentry”" in win.overview.summary.text()
    assert "KiB" in win.overview.summary.text() or " B " in win.overview.summary.text()


def test_ui_words_and_units_match_the_cli_and_reports() -> None:
    from auditor.records import VERDICTS
    from auditor.report import fmt
    from ui import theme

    assert theme.VERDICT_TEXT is fmt.VERDICT_TEXT
    for verdict in VERDICTS:
        word = theme.VERDICT_TEXT[verdict]
        assert word.lower().replace(" ", "_") == verdict
    assert theme.human_bytes(1536) == fmt.human_bytes(1536) == "1.5 KiB"
    assert theme.human_bytes(None) == ""


def test_a_get_counts_its_query_string_as_data_sent() -> None:
    from auditor.store.codec import flow_sizes
    from tests.store.conftest import make_flow

    query = "uid=8b1a9953c4611296a827abf8c47804d7&email=zelda%40example.org"
    flow = make_flow(method="GET", path=f"/collect?{query}", req_body=None)
    assert flow.request is not None and flow.request.size == 0
    sent, _received = flow_sizes(flow)
    assert sent == len(query)


def test_evidence_is_readable_at_1366x768(qtbot: QtBot, demo_window: MainWindow) -> None:
    win = demo_window
    win.resize(1366, 768)
    for row in range(win.model.total):
        s = win.model.index(row, 0).data(SummaryRole)
        if s is not None and "sentry" in (s.host or ""):
            win.table.selectRow(row)
            break
    qtbot.waitUntil(
        lambda: win.current_flow is not None and "sentry" in (win.current_flow.host or ""),
        timeout=15000,
    )
    QApplication.processEvents()
    tree = win.detail.labels_tree
    row_height = tree.visualItemRect(tree.topLevelItem(0)).height()
    assert row_height > 0
    assert tree.viewport().height() // row_height >= 6  # was 2 rows
    excerpt_width = tree.viewport().width() - tree.columnWidth(0) - tree.columnWidth(1)
    assert excerpt_width >= 200  # a long decoding path no longer pushes the excerpt away


def test_wizard_offers_no_passphrase_for_a_keyring_store(fresh_dir: Path, no_keyring: None) -> None:
    from keyring.backends import SecretService

    keyring.set_keyring(SecretService.Keyring())
    _keyring_store(fresh_dir)
    keyring.set_keyring(fail.Keyring())
    result = check_keyring(fresh_dir)
    assert not result.ok
    assert "Use a passphrase" not in result.fix and "only the keyring opens it" in result.fix
    assert store_access(fresh_dir).state == "blocked"
