"""The first-run wizard: real keyring, store and CA checks, with the fix for each problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.checks import check_keyring
from ui.wizard import FirstRunWizard


def run_checks(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    page = wizard.checks_page
    with qtbot.waitSignal(page.checked, timeout=20000):
        wizard.next()  # welcome -> checks: the checks start
    assert wizard.currentPage() is page


def test_wizard_finds_a_missing_ca_and_creates_it(qtbot: QtBot, fresh_dir: Path) -> None:
    wizard = FirstRunWizard(fresh_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    run_checks(qtbot, wizard)
    page = wizard.checks_page
    results = {r.name: r for r in page.results}
    assert results["data_dir"].ok
    assert results["store"].ok  # passphrase from the test environment
    assert not results["ca"].ok
    assert "Create CA" in results["ca"].fix
    assert page.rows["ca"].fix.isVisible()
    assert page.create_ca.isEnabled()
    with qtbot.waitSignal(page.checked, timeout=60000):
        page.create_ca.click()
    ca = next(r for r in page.results if r.name == "ca")
    assert ca.ok and (fresh_dir / "ca" / "mitmproxy-ca-cert.pem").exists()
    assert "update-ca-certificates" in ca.fix or "security add-trusted-cert" in ca.fix
    assert not page.create_ca.isEnabled()
    wizard.next()
    assert wizard.open_demo.isChecked()


def test_wizard_explains_a_missing_keyring(
    qtbot: QtBot, fresh_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.delenv("AUDITOR_PASSPHRASE")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        result = check_keyring()
        assert not result.ok
        assert "AUDITOR_PASSPHRASE" in result.fix and "--passphrase-file" in result.fix
        wizard = FirstRunWizard(fresh_dir)
        qtbot.addWidget(wizard)
        wizard.show()
        run_checks(qtbot, wizard)
        problems = {r.name for r in wizard.checks_page.problems()}
        assert {"keyring", "store"} <= problems
        store_row = wizard.checks_page.rows["store"]
        # A new store without a keyring can still be made, with a passphrase: the page offers it.
        assert "passphrase" in store_row.message.text()
        assert store_row.fix.text().startswith("<b>Fix:</b>")
        assert wizard.checks_page.use_passphrase.isVisibleTo(wizard)
        wizard.next()  # the known values page
        assert not wizard.known_page.editor.isEnabled()  # no store to keep them in yet
        wizard.next()
        assert wizard.currentPage().title() == "Not ready yet"
        assert not wizard.open_demo.isChecked()
    finally:
        keyring.set_keyring(previous)


def test_keyring_check_passes_with_the_session_keyring() -> None:
    # Run through scripts/with-session-bus.sh: a real, unlocked Secret Service is there.
    result = check_keyring()
    assert result.ok, result.message
