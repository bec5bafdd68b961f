"""`auditor launch -- PROGRAM ARGS…`: start a program set up to go through a capture.

The capture runs in this process (its own proxy thread and sink thread); the program gets the
proxy and our CA through its environment, plus Chromium's switches when it is a Chromium browser
or an Electron app. Every process of its tree carries a launch tag that attribution records, so
the session can show that client alone. Exits with the program's exit code after storing.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time

from auditor.capture.options import check_set_options, default_session_name, parse_listen
from auditor.commands._common import data_dir
from auditor.commands.capture import (
    add_capture_options,
    freeze_startup_heap,
    setup_logging,
    start_capture_run,
)
from auditor.errors import AuditorError, UsageError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "launch",
        help="start a program with proxy and CA trust set up, and capture its traffic",
        description="Start PROGRAM with HTTPS_PROXY/HTTP_PROXY, SSL_CERT_FILE, REQUESTS_CA_BUNDLE, "
        "NODE_EXTRA_CA_CERTS and NODE_USE_ENV_PROXY set (and --proxy-server plus "
        "--ignore-certificate-errors-spki-list for Chromium/Electron programs), capture its traffic "
        "into the session, and exit with its exit code.",
    )
    add_capture_options(p, default_listen="127.0.0.1:0")
    p.add_argument("command", nargs=argparse.REMAINDER, metavar="-- PROGRAM ARGS…")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here, not at module level: every `auditor` command builds all parsers, and this
    # pulls in cryptography and psutil (~0.1 s).
    from auditor.capture.launch import (
        launch_argv,
        launch_env,
        new_launch_tag,
        node_proxy_warning,
        resolve_program,
    )

    command = list(args.command)
    if command and command[0] == "--":
        command = command[1:]
    if not command:
        raise UsageError("launch: give the program to start after `--`")
    program = command[0]
    if resolve_program(program) is None:
        raise UsageError(f"launch: program not found: {program}")
    setup_logging()
    warning = node_proxy_warning(program)
    if warning:
        print(f"auditor: warning: {warning}", file=sys.stderr, flush=True)
    host, port = parse_listen(args.listen)
    mitm_options = check_set_options(args.set_options)
    session = args.session or default_session_name("launch")
    tag = new_launch_tag(session)
    dd = data_dir(args)
    session_meta = {
        "source": "launch",
        "started": time.time(),
        "launch_tag": tag,
        "program": program,
    }
    capture = start_capture_run(
        args,
        dd,
        session=session,
        session_meta=session_meta,
        host=host,
        port=port,
        modes=["regular"],
        mitm_options=mitm_options,
    )
    capture.start()  # on failure it has cleaned up after itself
    freeze_startup_heap()
    rc = 1
    try:
        proxy_url = capture.proxy_url
        print(
            f"auditor: capturing {program} through {proxy_url} into session {session!r}",
            file=sys.stderr,
            flush=True,
        )
        env = launch_env(
            os.environ, proxy_url=proxy_url, ca_cert=capture.ca.cert_pem, launch_tag=tag
        )
        argv = launch_argv(
            program,
            command[1:],
            proxy_url=proxy_url,
            ca_spki_sha256_b64=capture.ca.spki_sha256_b64(),
        )
        try:
            child = subprocess.Popen(argv, env=env)
        except OSError as err:
            raise UsageError(f"launch: cannot start {program}: {err.strerror or err}") from None
        capture.mark_launched(child.pid, tag)

        def _forward(signum: int, _frame: object) -> None:
            # SIGTERM sent to us alone must reach the program, so it exits and we store what it
            # sent. Ctrl-C (SIGINT) reaches it from the terminal already: we only wait for it.
            if signum == signal.SIGTERM and child.poll() is None:
                child.send_signal(signum)

        previous = {sig: signal.signal(sig, _forward) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            while True:
                try:
                    code = child.wait(0.5)
                    break
                except subprocess.TimeoutExpired:
                    if capture.failed and child.poll() is None:
                        child.terminate()  # nothing it sends could be stored any more
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        rc = 128 - code if code < 0 else code
    finally:
        capture.stop()
        capture.report()
    if capture.failed:
        raise AuditorError(capture.failed)
    return rc
