"""The capture child process: `auditor capture` run by QProcess, watched, and stopped cleanly.

The window never runs the proxy itself: a crash or hang of the capture cannot freeze the GUI, and
the GUI learns about it from QProcess signals (`died` carries the capture's last error line).
Stopping sends SIGTERM (the capture stores what it has and exits 0), then kills after a grace
period if it has not gone.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.selfexec import auditor_command
from ui.qt import QObject, QProcess, QProcessEnvironment, QTimer, Signal

LISTENING = re.compile(r"listening on (\S+):(\d+)")
STOP_GRACE_MS = 8000
START_TIMEOUT_MS = 60000


@dataclass(frozen=True, slots=True)
class CaptureOptions:
    session: str
    port: int = 0
    host: str = "127.0.0.1"
    mode: str = "regular"  # "regular" or "local:PROCESS"
    sinkholes: tuple[str, ...] = ()
    body_cap: int | None = None
    extra_sets: tuple[str, ...] = ()  # mitmproxy --set OPTION=VALUE


def capture_arguments(
    options: CaptureOptions, data_dir: Path, passphrase_file: str | None = None
) -> list[str]:
    """Arguments after the `auditor` command prefix."""
    args = ["--data-dir", str(data_dir)]
    if passphrase_file:
        args += ["--passphrase-file", passphrase_file]
    args += ["capture", "--listen", f"{options.host}:{options.port}", "--session", options.session]
    if options.mode and options.mode != "regular":
        args += ["--mode", options.mode]
    for pattern in options.sinkholes:
        args += ["--sinkhole", pattern]
    if options.body_cap is not None:
        args += ["--body-cap", str(options.body_cap)]
    for item in options.extra_sets:
        args += ["--set", item]
    return args


class ChildProcess(QObject):
    """One `auditor …` child with state signals; shared by capture and launched clients."""

    stateChanged = Signal(str)  # idle | starting | running | stopping
    started = Signal(str, int)  # host, port (capture: from its first stdout line)
    stopped = Signal(int)  # exit code of a stop we asked for (or a clean exit)
    died = Signal(str)  # it ended without being asked to: one-line reason
    output = Signal(str)  # stderr lines, for the log view

    def __init__(
        self, command_prefix: Sequence[str] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.command_prefix = list(command_prefix or auditor_command())
        self.process: QProcess | None = None
        self.state = "idle"
        self.address: tuple[str, int] | None = None
        self._stopping = False
        self._stdout_buf = b""
        self._stderr_lines: list[str] = []
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.timeout.connect(self._kill)
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self._start_timeout)
        self.wait_for_listening = True

    @property
    def running(self) -> bool:
        return self.state in ("starting", "running")

    def pid(self) -> int | None:
        if self.process is None:
            return None
        pid = int(self.process.processId())
        return pid or None

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    def start_args(self, args: Sequence[str], env: dict[str, str] | None = None) -> None:
        if self.running:
            return
        proc = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("PYTHONUNBUFFERED", "1")
        for key, value in (env or {}).items():
            environment.insert(key, value)
        proc.setProcessEnvironment(environment)
        proc.readyReadStandardOutput.connect(self._read_stdout)
        proc.readyReadStandardError.connect(self._read_stderr)
        proc.finished.connect(self._finished)
        proc.errorOccurred.connect(self._error)
        self.process = proc
        self._stopping = False
        self._stdout_buf = b""
        self._stderr_lines = []
        self.address = None
        self._set_state("starting")
        proc.start(self.command_prefix[0], [*self.command_prefix[1:], *args])
        if self.wait_for_listening:
            self._start_timer.start(START_TIMEOUT_MS)
        else:
            self._set_state("running")

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after STOP_GRACE_MS."""
        proc = self.process
        if proc is None or proc.state() == QProcess.ProcessState.NotRunning:
            self._set_state("idle")
            return
        self._stopping = True
        self._set_state("stopping")
        proc.terminate()
        self._kill_timer.start(STOP_GRACE_MS)

    def stop_and_wait(self, timeout_ms: int = STOP_GRACE_MS + 2000) -> None:
        """For window close: blocks at most `timeout_ms` for the child to go."""
        proc = self.process
        if proc is None or proc.state() == QProcess.ProcessState.NotRunning:
            return
        self.stop()
        if not proc.waitForFinished(timeout_ms):
            proc.kill()
            proc.waitForFinished(2000)

    def last_error(self) -> str:
        for line in reversed(self._stderr_lines):
            if line.strip():
                return line.strip()
        return ""

    # ------------------------------------------------------------------ internals

    def _read_stdout(self) -> None:
        proc = self.process
        if proc is None:
            return
        self._stdout_buf += bytes(proc.readAllStandardOutput().data())
        while b"\n" in self._stdout_buf:
            line, self._stdout_buf = self._stdout_buf.split(b"\n", 1)
            text = line.decode("utf-8", "replace")
            m = LISTENING.search(text)
            if m and self.address is None:
                self._start_timer.stop()
                self.address = (m.group(1), int(m.group(2)))
                self._set_state("running")
                self.started.emit(m.group(1), int(m.group(2)))
            elif text.strip():
                self.output.emit(text)

    def _read_stderr(self) -> None:
        proc = self.process
        if proc is None:
            return
        text = bytes(proc.readAllStandardError().data()).decode("utf-8", "replace")
        for line in text.splitlines():
            self._stderr_lines.append(line)
            self.output.emit(line)
        del self._stderr_lines[:-50]

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._kill_timer.stop()
        self._start_timer.stop()
        self._read_stderr()
        asked = self._stopping
        self._set_state("idle")
        self.process = None
        if asked or (code == 0 and status == QProcess.ExitStatus.NormalExit):
            self.stopped.emit(code)
            return
        reason = self.last_error() or (
            "it crashed" if status == QProcess.ExitStatus.CrashExit else f"exit code {code}"
        )
        self.died.emit(reason)

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._start_timer.stop()
            self._set_state("idle")
            self.process = None
            self.died.emit(f"could not start {self.command_prefix[0]}: {error.name}")

    def _kill(self) -> None:
        if self.process is not None:
            self.process.kill()

    def _start_timeout(self) -> None:
        if self.state == "starting":
            self._stopping = False
            if self.process is not None:
                self.process.kill()
            self.died.emit(f"it did not report its address within {START_TIMEOUT_MS // 1000} s")


class CaptureController(ChildProcess):
    """Runs `auditor capture` for the window."""

    def __init__(
        self,
        data_dir: Path,
        *,
        passphrase_file: str | None = None,
        command_prefix: Sequence[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(command_prefix, parent)
        self.data_dir = data_dir
        self.passphrase_file = passphrase_file
        self.options: CaptureOptions | None = None

    def start(self, options: CaptureOptions) -> None:
        self.options = options
        self.start_args(capture_arguments(options, self.data_dir, self.passphrase_file))


def launch_arguments(
    command: Sequence[str], session: str, data_dir: Path, passphrase_file: str | None = None
) -> list[str]:
    args = ["--data-dir", str(data_dir)]
    if passphrase_file:
        args += ["--passphrase-file", passphrase_file]
    return [*args, "launch", "--session", session, "--", *command]


CA_TRUST_STEPS: dict[str, str] = {
    "linux": (
        "<b>Linux</b> (Debian, Ubuntu):<br>"
        "<code>sudo cp {cert} /usr/local/share/ca-certificates/meeting-privacy-auditor.crt<br>"
        "sudo update-ca-certificates</code><br>"
        "Fedora: <code>sudo trust anchor --store {cert}</code><br>"
        "Chromium and Electron apps (Zoom, Teams, Slack, Discord) read the NSS database: "
        "<code>certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n auditor -i {cert}</code>. "
        "Firefox: Settings → Privacy &amp; Security → Certificates → Import. "
        "<i>Launch a client</i> sets this up for that one program without changing the system."
    ),
    "darwin": (
        "<b>macOS</b>: <code>sudo security add-trusted-cert -d -r trustRoot -k "
        "/Library/Keychains/System.keychain {cert}</code><br>or open the file, add it to the "
        "System keychain, and set <i>When using this certificate</i> to <i>Always Trust</i>."
    ),
    "win32": (
        "<b>Windows</b>: <code>certutil -addstore -user Root {cert}</code><br>or double-click "
        "the file → Install Certificate → Current User → Trusted Root Certification Authorities."
    ),
}


def trust_instructions(cert: Path | str, platform: str | None = None) -> str:
    platform = platform or sys.platform
    key = "darwin" if platform == "darwin" else "win32" if platform.startswith("win") else "linux"
    text = CA_TRUST_STEPS[key].format(cert=str(cert))
    return (
        text + "<br><br>Remove the trust again when you are done auditing: anyone holding this "
        "CA's key (kept only in your data dir) could read your encrypted traffic."
    )


def ca_cert_path(data_dir: Path) -> Path:
    from auditor.capture.ca import CONF_BASENAME
    from auditor.paths import DataDir

    return DataDir(data_dir).ca_dir / f"{CONF_BASENAME}-ca-cert.pem"
