"""Records real SDK traffic through the auditor's own proxy, the product path, offline.

`ProxyRecorder` starts `auditor capture --sinkhole '*'` on a throwaway data dir (store key from
AUDITOR_PASSPHRASE; CORPUS_VALUES as the data dir's known values), runs each SDK scenario as a
child process with the environment `auditor launch` gives a program (HTTPS_PROXY, the CA in
SSL_CERT_FILE / REQUESTS_CA_BUNDLE / NODE_EXTRA_CA_CERTS, NODE_USE_ENV_PROXY) and a launch tag of
its own, then stops the capture (SIGTERM: flush, exit 0) and takes the stored flows out with
`auditor export jsonl --no-redact`. Each SDK talks to the vendor's real ingest host
(o447951.ingest.us.sentry.io, us.i.posthog.com, …): the sinkhole answers inside the proxy (204,
empty body) and nothing leaves the machine. The launch tag that attribution reads back from
/proc/PID/environ tells which scenario sent which flow.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from auditor.capture.ca import spki_sha256_b64  # noqa: E402
from auditor.capture.launch import launch_argv, launch_env  # noqa: E402
from tests.helpers.capture import CaptureProcess  # noqa: E402
from tests.helpers.cli import child_env, run_auditor  # noqa: E402
from tests.label.corpus.sdk_runs import CORPUS_VALUES  # noqa: E402

PASSPHRASE = "corpus recorder: a throwaway store"
SESSION = "corpus"
TAG_PREFIX = f"{SESSION}:"
NPM_DIR = HERE / "npm"


class RecorderError(RuntimeError):
    pass


class ProxyRecorder:
    """`with ProxyRecorder() as rec: rec.run_all([(scenario, argv), …]); flows = rec.take()`."""

    def __init__(self) -> None:
        self._tmp = Path(tempfile.mkdtemp(prefix="auditor-corpus-"))
        self.data_dir = self._tmp / "data"
        self.data_dir.mkdir(mode=0o700)
        # The values a user would enter (e-mail, name, meeting id) and the corpus machine's.
        (self.data_dir / "known-values.json").write_text(json.dumps(CORPUS_VALUES))
        self.env = child_env(self.data_dir, passphrase=PASSPHRASE)
        self.capture = CaptureProcess(self.data_dir, session=SESSION, sinkhole=["*"], env=self.env)
        self._ca_cert: Path | None = None
        self.pids: dict[int, str] = {}
        self.failures: dict[str, str] = {}

    # -- life cycle ----------------------------------------------------------------------------

    def __enter__(self) -> ProxyRecorder:
        self.capture.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.capture.kill()
        shutil.rmtree(self._tmp, ignore_errors=True)

    @property
    def ca_cert(self) -> Path:
        if self._ca_cert is None:
            done = run_auditor(["ca", "path"], env=self.env, timeout=60)
            if done.returncode != 0:
                raise RecorderError(f"auditor ca path failed: {done.stderr[-2000:]}")
            self._ca_cert = Path(done.stdout.strip())
        return self._ca_cert

    def program_env(self, scenario: str) -> dict[str, str]:
        """What `auditor launch` gives a program, with the scenario as its launch tag."""
        base = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
        base["PYTHONPATH"] = str(ROOT)
        env = launch_env(
            base,
            proxy_url=self.capture.proxy_url,
            ca_cert=self.ca_cert,
            launch_tag=TAG_PREFIX + scenario,
        )
        env["CORPUS_VALUES"] = json.dumps(CORPUS_VALUES)  # for the npm scenarios
        return env

    def start(self, scenario: str, argv: Sequence[str]) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            list(argv),
            env=self.program_env(scenario),
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.pids[proc.pid] = scenario
        return proc

    def browser_job(self, scenario: str) -> tuple[str, list[str]]:
        """Headless Chromium opening npm/SCENARIO.html with the switches `auditor launch` gives a
        Chromium program (proxy, trust in our CA's key only). The page is a file; the SDK
        script comes from node_modules."""

        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            raise RecorderError("chromium is not installed: run scripts/setup-system.sh")
        profile = Path(tempfile.mkdtemp(prefix="corpus-chromium-", dir=self._tmp))
        args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            # Less of the browser's own traffic (generate.IGNORED drops what is left).
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-client-side-phishing-detection",
            # The page is a file: it has no origin a vendor's collector would allow, and the
            # sinkhole answers CORS preflights without CORS headers. A meeting web app's origin
            # is allowed by the collector, so the SDK's real request follows its preflight; here
            # CORS is off and the SDK's request goes out as it would from the app.
            "--disable-web-security",
            # Timers run on virtual time: the SDK's flush happens at once, the page then closes.
            "--virtual-time-budget=40000",
            "--dump-dom",
            (NPM_DIR / f"{scenario}.html").as_uri(),
        ]
        return scenario, launch_argv(
            chromium,
            args,
            proxy_url=self.capture.proxy_url,
            ca_spki_sha256_b64=spki_sha256_b64(self.ca_cert),
        )

    def run_all(
        self, jobs: Sequence[tuple[str, Sequence[str]]], *, parallel: int = 4, timeout: float = 60
    ) -> None:
        """Runs (scenario, argv) jobs, `parallel` at a time; a failing job is an error."""
        pending = list(jobs)
        running: list[tuple[str, subprocess.Popen[bytes], float]] = []
        while pending or running:
            while pending and len(running) < parallel:
                scenario, argv = pending.pop(0)
                running.append((scenario, self.start(scenario, argv), time.monotonic()))
            scenario, proc, began = running.pop(0)
            try:
                out, _ = proc.communicate(timeout=max(1.0, began + timeout - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                out, _ = proc.communicate()
                self.failures[scenario] = f"timed out after {timeout}s:\n{out.decode()[-3000:]}"
                continue
            if proc.returncode != 0:
                self.failures[scenario] = f"exit {proc.returncode}:\n{out.decode()[-3000:]}"
        if self.failures:
            raise RecorderError(
                "SDK scenarios failed:\n"
                + "\n".join(f"--- {name}: {why}" for name, why in self.failures.items())
            )

    def take(self) -> dict[str, list[dict[str, Any]]]:
        """Stops the capture (flush) and returns the stored flows by scenario, in time order."""
        code = self.capture.terminate(timeout=60)
        if code != 0:
            raise RecorderError(f"capture exited {code}: {self.capture.stderr[-2000:]}")
        out = self._tmp / "flows.jsonl"
        done = run_auditor(
            ["export", "jsonl", "--session", SESSION, "--no-redact", "-o", str(out)],
            env=self.env,
            timeout=120,
        )
        if done.returncode != 0:
            raise RecorderError(f"export failed: {done.stderr[-2000:]}")
        by_scenario: dict[str, list[dict[str, Any]]] = defaultdict(list)
        with out.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip() or not line.startswith("{"):
                    continue
                flow = json.loads(line)
                if "request" not in flow:
                    continue
                process = flow.get("process") or {}
                tag = process.get("launch_tag") or ""
                scenario = (
                    tag.removeprefix(TAG_PREFIX)
                    if tag
                    # Chromium's network service is forked by its zygote and does not show the
                    # environment it inherited, so it has no launch tag: its parent is the
                    # browser process we started.
                    else (
                        self.pids.get(process.get("pid") or 0)
                        or self.pids.get(process.get("ppid") or 0)
                        or ""
                    )
                )
                by_scenario[scenario].append(flow)
        for flows in by_scenario.values():
            flows.sort(key=lambda f: f["ts"])
        return dict(by_scenario)


def python_job(scenario: str) -> tuple[str, list[str]]:
    return scenario, [sys.executable, str(HERE / "sdk_runs.py"), scenario]


def node_job(scenario: str) -> tuple[str, list[str]]:
    node = shutil.which("node")
    if node is None:
        raise RecorderError("node is not installed: run scripts/setup-system.sh")
    if not (NPM_DIR / "node_modules").is_dir():
        raise RecorderError(f"npm SDKs not installed: run `npm ci` in {NPM_DIR} (make setup)")
    return scenario, [
        node,
        "--require",
        str(NPM_DIR / "proxy-preload.js"),
        str(NPM_DIR / f"{scenario}.js"),
    ]
