"""`auditor capture`: run the intercepting proxy until SIGINT/SIGTERM, storing labelled flows."""

from __future__ import annotations

import argparse
import gc
import logging
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.capture.options import (
    DEFAULT_BODY_CAP,
    check_set_options,
    default_session_name,
    format_addr,
    parse_listen,
    parse_size,
)
from auditor.commands._common import data_dir
from auditor.errors import AuditorError

if TYPE_CHECKING:
    from auditor.capture.session import CaptureRun
    from auditor.capture.worker import StoreProcess
    from auditor.paths import DataDir

DEFAULT_LISTEN = "127.0.0.1:8080"


def add_capture_options(p: argparse.ArgumentParser, *, default_listen: str) -> None:
    p.add_argument(
        "--listen",
        metavar="HOST:PORT",
        default=default_listen,
        help=f"loopback address to listen on (default {default_listen}; port 0 picks a free one)",
    )
    p.add_argument(
        "--session", metavar="NAME", help="session to record into (default: a timestamped name)"
    )
    p.add_argument(
        "--sinkhole",
        metavar="PATTERN",
        action="append",
        default=[],
        help="answer matching requests inside the proxy (never reaching the server); PATTERN is a "
        "shell glob on the host (a plain domain also covers its subdomains), a glob on the full URL "
        "when it contains '/', or 're:REGEX' searched in the full URL; repeatable",
    )
    p.add_argument(
        "--sinkhole-status",
        metavar="CODE",
        type=int,
        default=204,
        help="HTTP status of sinkhole answers (default 204, empty body)",
    )
    p.add_argument(
        "--set",
        dest="set_options",
        metavar="OPTION=VALUE",
        action="append",
        default=[],
        help="set a mitmproxy option, as `mitmdump --set` does (e.g. ssl_verify_upstream_trusted_ca=FILE)",
    )
    p.add_argument(
        "--body-cap",
        metavar="BYTES",
        type=_size,
        default=DEFAULT_BODY_CAP,
        help="keep at most this many bytes of each body (sizes are always kept; default 1m)",
    )
    p.add_argument(
        "--tls-keylog",
        action="store_true",
        help="write the session's TLS secrets (NSS key log, mode 0600) under the data dir, so a "
        "packet capture taken at the same time can be decrypted in Wireshark; "
        "`auditor export --tls-keylog` hands it out. Off by default: it decrypts the whole session",
    )
    p.add_argument(
        "--jsonl",
        metavar="FILE",
        type=Path,
        help="also append every stored flow to FILE as a JSONL record (credentials redacted)",
    )


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "capture",
        help="run the intercepting proxy and record flows until SIGINT/SIGTERM",
        description="Run the intercepting proxy (loopback only) and record every flow, labelled, "
        "into the store. The first stdout line is `listening on HOST:PORT`. SIGINT or SIGTERM "
        "stores everything captured so far and exits 0.",
    )
    add_capture_options(p, default_listen=DEFAULT_LISTEN)
    p.add_argument(
        "--mode",
        metavar="MODE",
        action="append",
        help="mitmproxy mode: regular (default) or local:PROCESS (OS-level capture of a process by "
        "name or pid, where the platform supports it); repeatable",
    )
    p.set_defaults(func=run)


def _size(text: str) -> int:
    from auditor.errors import UsageError

    try:
        return parse_size(text)
    except UsageError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def setup_logging() -> None:
    logging.basicConfig(
        level=logging.WARNING, format="auditor: %(name)s: %(message)s", stream=sys.stderr
    )


def prestart_store_process(
    args: argparse.Namespace, dd: DataDir, session: str, session_meta: dict[str, Any]
) -> StoreProcess | None:
    """Spawn the labelling/storing process now, before mitmproxy is imported: its interpreter
    start, imports and store opening then overlap with the proxy's start-up instead of
    following it (`listening on` is printed only once the store is open)."""
    from auditor.capture.worker import new_store_process, sink_mode_from_env

    if sink_mode_from_env() != "process":
        return None
    worker = new_store_process(
        dd,
        session=session,
        passphrase_file=getattr(args, "passphrase_file", None),
        session_meta=session_meta,
        jsonl=args.jsonl,
    )
    worker.start()
    return worker


def start_capture_run(
    args: argparse.Namespace,
    dd: DataDir,
    *,
    session: str,
    session_meta: dict[str, Any],
    host: str,
    port: int,
    modes: list[str],
    mitm_options: list[str],
) -> CaptureRun:
    """The capture both `capture` and `launch` run: the storing process started first, the key
    log if asked, then the proxy's `CaptureRun` (not yet listening)."""
    worker = prestart_store_process(args, dd, session, session_meta)
    try:
        if getattr(args, "tls_keylog", False):
            from auditor.export.tlskeys import enable_keylog

            print(f"auditor: TLS key log: {enable_keylog(dd, session)}", file=sys.stderr)
        from auditor.capture.session import CaptureRun

        return CaptureRun(
            dd,
            session=session,
            passphrase_file=getattr(args, "passphrase_file", None),
            listen_host=host,
            listen_port=port,
            modes=modes,
            sinkholes=args.sinkhole,
            sinkhole_status=args.sinkhole_status,
            body_cap=args.body_cap,
            mitm_options=mitm_options,
            session_meta=session_meta,
            jsonl=args.jsonl,
            store_process=worker,
        )
    except BaseException:
        if worker is not None:
            worker.abort()
        raise


def freeze_startup_heap() -> None:
    """Leave what start-up allocated (modules, mitmproxy's tables: ~90k objects) out of every
    later garbage collection. Python's full collections otherwise scan all of it and stall the
    proxy's loop for tens of milliseconds each while traffic flows."""
    gc.collect()
    gc.freeze()


def run(args: argparse.Namespace) -> int:
    setup_logging()
    host, port = parse_listen(args.listen)
    mitm_options = check_set_options(args.set_options)
    if args.mode:
        # mitmproxy is imported here, not at module level: every `auditor` command builds all
        # parsers. The default mode needs no check, so the store process starts sooner.
        from auditor.capture.proxy import check_modes

        modes = check_modes(args.mode)
    else:
        modes = ["regular"]
    session = args.session or default_session_name("capture")
    dd = data_dir(args)
    session_meta = {"source": "capture", "started": time.time(), "modes": modes}
    capture = start_capture_run(
        args,
        dd,
        session=session,
        session_meta=session_meta,
        host=host,
        port=port,
        modes=modes,
        mitm_options=mitm_options,
    )

    stop = threading.Event()

    def _on_signal(signum: int, _frame: object) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        addrs = capture.start()  # on failure it has cleaned up after itself
    except BaseException:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        raise
    freeze_startup_heap()
    try:
        shown = format_addr(*addrs[0]) if addrs else ",".join(modes)
        print(f"listening on {shown}", flush=True)
        while not stop.wait(0.5):
            if capture.engine.wait(0) or capture.failed:
                break  # the proxy ended on its own, or nothing can be stored any more
    finally:
        capture.stop()
        capture.report()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if capture.failed:
        raise AuditorError(capture.failed)
    return 0
