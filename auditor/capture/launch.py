"""How `auditor launch` sets a program up to go through the capture and trust its CA.

Most clients read the proxy and CA from the environment (curl, Python, Node with
NODE_USE_ENV_PROXY, Go). Chromium and Electron apps ignore those variables for TLS trust and read
the proxy from their own switches, so they also get `--proxy-server` and
`--ignore-certificate-errors-spki-list` with our CA's key hash (which only trusts certificates
signed by that one key, not any certificate). Every launched process carries AUDITOR_LAUNCH_TAG
in its environment, which children inherit: attribution reads it back from /proc/PID/environ and
records it as the flow's `launch_tag`, so a session can show the launched client alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

from auditor.capture.attribution import LAUNCH_TAG_ENV

PROXY_VARS = ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy")
NO_PROXY_VARS = ("NO_PROXY", "no_proxy")
CA_VARS = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "CURL_CA_BUNDLE")

# Base names (lower case, without .exe) of programs that take Chromium's command-line switches.
CHROMIUM_NAMES: frozenset[str] = frozenset(
    {
        "chrome",
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
        "google-chrome-beta",
        "msedge",
        "microsoft-edge",
        "microsoft-edge-stable",
        "brave",
        "brave-browser",
        "vivaldi",
        "opera",
        "electron",
        "slack",
        "discord",
        "discordcanary",
        "discordptb",
        "teams",
        "ms-teams",
        "teams-for-linux",
        "code",
        "signal-desktop",
        "element-desktop",
        "skypeforlinux",
    }
)
# Files that sit next to an Electron/Chromium executable whatever the app is called.
_CHROMIUM_MARKERS = (
    "chrome_100_percent.pak",
    "resources.pak",
    "resources/app.asar",
    "v8_context_snapshot.bin",
)


def new_launch_tag(session: str) -> str:
    return f"{session}:{uuid.uuid4().hex[:12]}"


def resolve_program(program: str) -> str | None:
    if os.sep in program:
        return program if os.access(program, os.X_OK) else None
    return shutil.which(program)


def is_chromium_like(program: str) -> bool:
    """Whether `program` is a Chromium browser or an Electron app (by name or install folder)."""
    name = os.path.basename(program).lower().removesuffix(".exe")
    if name in CHROMIUM_NAMES:
        return True
    resolved = resolve_program(program)
    if resolved is None:
        return False
    real = Path(os.path.realpath(resolved))
    if real.name.lower().removesuffix(".exe") in CHROMIUM_NAMES:
        return True
    return any((real.parent / marker).exists() for marker in _CHROMIUM_MARKERS)


def chromium_switches(proxy_url: str, ca_spki_sha256_b64: str) -> list[str]:
    return [
        f"--proxy-server={proxy_url}",
        # Chromium bypasses the proxy for loopback by default; `<-loopback>` removes that rule.
        "--proxy-bypass-list=<-loopback>",
        f"--ignore-certificate-errors-spki-list={ca_spki_sha256_b64}",
    ]


def launch_env(
    base: Mapping[str, str],
    *,
    proxy_url: str,
    ca_cert: Path,
    launch_tag: str,
) -> dict[str, str]:
    """The environment for a launched program: proxy, CA trust and the launch tag."""
    env = dict(base)
    for name in PROXY_VARS:
        env[name] = proxy_url
    for name in NO_PROXY_VARS:
        # Some clients read an empty NO_PROXY as "bypass nothing", others choke on it: remove.
        if name in env and not env[name].strip():
            del env[name]
    for name in CA_VARS:
        env[name] = str(ca_cert)
    env["NODE_USE_ENV_PROXY"] = "1"
    env[LAUNCH_TAG_ENV] = launch_tag
    return env


# Programs that run on Node.js (their own proxy support aside, which some have).
NODE_NAMES: frozenset[str] = frozenset({"node", "nodejs", "npm", "npx", "yarn", "pnpm", "tsx"})


def node_proxy_warning(program: str) -> str | None:
    """A one-line warning when `program` runs on a Node.js that ignores proxy variables.

    Node.js reads HTTPS_PROXY only with NODE_USE_ENV_PROXY=1, and only in recent releases; an
    older one sends straight to the server, past the capture. A Node.js that accepts the
    equivalent `--use-env-proxy` switch is recent enough."""
    name = os.path.basename(program).lower().removesuffix(".exe")
    if name not in NODE_NAMES:
        return None
    node = resolve_program(program) if name in ("node", "nodejs") else shutil.which("node")
    if node is None:
        return None
    env = {k: v for k, v in os.environ.items() if k != "NODE_OPTIONS"}
    try:
        probe = subprocess.run(
            [node, "--use-env-proxy", "-e", "0"], env=env, capture_output=True, timeout=20
        )
        if probe.returncode == 0:
            return None
        version = subprocess.run(
            [node, "--version"], env=env, capture_output=True, text=True, timeout=20
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return (
        f"Node.js {version or '(unknown version)'} ignores HTTPS_PROXY: requests this program "
        "makes with Node's own http/https/fetch bypass the capture (NODE_USE_ENV_PROXY needs "
        "a newer Node.js); give it a proxy setting of its own, or use a newer Node.js"
    )


def launch_argv(
    program: str, args: Sequence[str], *, proxy_url: str, ca_spki_sha256_b64: str
) -> list[str]:
    argv = [program]
    if is_chromium_like(program):
        argv.extend(chromium_switches(proxy_url, ca_spki_sha256_b64))
    argv.extend(args)
    return argv
