"""An embedded mitmproxy running our addons on an asyncio loop in its own thread.

We build a bare `Master` with the mitmproxy addons a capture needs plus ours, and deliberately not
the ErrorCheck addon `mitmdump` adds (it calls sys.exit from inside the loop). Instead a log watcher
collects errors logged while the servers start (a port in use, a local-mode redirector that cannot
start) and `start()` turns them into one AuditorError line, so a failed start is never a silent
empty capture.

mitmproxy runs every hook of every flow through every addon in its chain (a context manager and an
attribute lookup each), so its ~30 default addons cost more CPU per flow than our own addon does:
the chain holds only what capturing needs, and the rest of mitmproxy's defaults join when a `--set`
option belongs to one of them (`--set map_local=…`, `--set proxyauth=…`), so `--set` still does
what it does in mitmdump.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mitmproxy import addons, exceptions, options
from mitmproxy.addons import (
    block,
    core,
    disable_h2c,
    dns_resolver,
    next_layer,
    proxyserver,
    strip_dns_https_records,
    tlsconfig,
    update_alt_svc,
)
from mitmproxy.master import Master
from mitmproxy.proxy.mode_specs import ProxyMode

from auditor.capture.addon import CaptureAddon, Pending, SinkholeAddon
from auditor.capture.attribution import ProcessResolver
from auditor.capture.options import DEFAULT_BODY_CAP, is_loopback_host
from auditor.errors import AuditorError, UsageError
from auditor.vendors import registry as app_registry

logger = logging.getLogger(__name__)

# How long stopping waits for requests already on their way in (see `CaptureEngine.stop`): longer
# than the attribution wait, short enough that a stop with idle keep-alive connections is quick.
DRAIN_TIMEOUT = 1.0
DRAIN_SETTLE = 0.1


def check_modes(modes: Sequence[str]) -> list[str]:
    """Validate `--mode` values: mitmproxy's syntax, and any listen address in them is loopback."""
    out: list[str] = []
    for mode in modes:
        try:
            spec = ProxyMode.parse(mode)
        except ValueError as err:
            raise UsageError(f"--mode {mode!r}: {err}") from None
        if spec.custom_listen_host is not None and not is_loopback_host(spec.custom_listen_host):
            raise UsageError(f"--mode {mode!r}: the proxy only listens on loopback addresses")
        out.append(mode)
    return out


# What every capture needs: options and commands, the servers and layers, TLS interception, DNS,
# refusing non-local clients, and the protocol fixes mitmproxy applies by default.
CAPTURE_ADDONS: tuple[type, ...] = (
    core.Core,
    block.Block,
    strip_dns_https_records.StripDnsHttpsRecords,
    disable_h2c.DisableH2C,
    proxyserver.Proxyserver,
    dns_resolver.DnsResolver,
    next_layer.NextLayer,
    tlsconfig.TlsConfig,
    update_alt_svc.UpdateAltSvc,
)


def mitmproxy_addons(option_names: Sequence[str]) -> list[object]:
    """mitmproxy's addons for a capture, in mitmproxy's order: those a capture needs, or all of
    its defaults when an option in `option_names` is declared by one of the others."""
    full = addons.default_addons()
    lean = [a for a in full if isinstance(a, CAPTURE_ADDONS)]
    wanted = set(option_names)
    # Fresh instances are asked, so the chain's own addons see `load` once, from the master.
    others = (a for a in addons.default_addons() if not isinstance(a, CAPTURE_ADDONS))
    if wanted and any(wanted & _declared_options(a) for a in others):
        return full
    return lean


class _OptionNames:
    """Stands in for mitmproxy's Loader to learn which options an addon's `load` declares."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def add_option(self, name: str, *args: object, **kwargs: object) -> None:
        self.names.add(name)

    def add_command(self, *args: object, **kwargs: object) -> None:
        pass


def _declared_options(addon: object) -> set[str]:
    load = getattr(addon, "load", None)
    if load is None:
        return set()
    loader = _OptionNames()
    load(loader)
    return loader.names


@dataclass
class CaptureConfig:
    session: str
    confdir: Path
    listen_host: str = "127.0.0.1"
    listen_port: int = 0
    modes: list[str] = field(default_factory=lambda: ["regular"])
    sinkholes: list[str] = field(default_factory=list)
    sinkhole_status: int = 204
    body_cap: int = DEFAULT_BODY_CAP
    mitm_options: list[str] = field(default_factory=list)  # "option=value", as `mitmdump --set`
    attribute_processes: bool = True


class _StartupLogWatch(logging.Handler):
    """While the servers start, takes mitmproxy's log over: errors (its start failures are only
    logged) are collected for one clear line instead of being printed, the rest passes on."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.messages: list[str] = []
        self._logger = logging.getLogger("mitmproxy")
        self._propagate = True
        self.installed = False

    def install(self) -> None:
        self._propagate = self._logger.propagate
        self._logger.addHandler(self)
        self._logger.propagate = False
        self.installed = True

    def uninstall(self) -> None:
        if self.installed:
            self._logger.removeHandler(self)
            self._logger.propagate = self._propagate
            self.installed = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            try:
                self.messages.append(record.getMessage())
            except Exception:
                self.messages.append(str(record.msg))
        else:
            logging.getLogger().handle(record)


def one_line(message: str) -> str:
    """mitmproxy's multi-line errors (with Rust backtraces) as one readable line."""
    lines = [ln.strip() for ln in message.splitlines()]
    head = re.sub(r"^\[Errno \d+\] ", "", next((ln for ln in lines if ln), "unknown error"))
    cause = ""
    if "Caused by:" in lines:
        idx = lines.index("Caused by:")
        cause = next((ln for ln in lines[idx + 1 :] if ln), "")
    return f"{head} ({cause})" if cause else head


def _quiet_cancellations(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
    """The loop's handler of exceptions nobody awaited: a connection still open at shutdown is
    cancelled, and Python 3.12.1's stream server then reports the CancelledError from a callback
    with a traceback (fixed in later 3.12 releases). A cancellation is not an error."""
    if isinstance(context.get("exception"), asyncio.CancelledError):
        logger.debug("cancelled at shutdown: %s", context.get("message"))
        return
    loop.default_exception_handler(context)


class _ReadyAddon:
    """Reports the real listen addresses (or the startup errors) once the servers are up."""

    def __init__(self, engine: CaptureEngine) -> None:
        self.engine = engine

    def running(self) -> None:
        from mitmproxy import ctx

        proxyserver = ctx.master.addons.get("proxyserver")
        addrs = [(str(a[0]), int(a[1])) for a in proxyserver.listen_addrs()]
        self.engine._on_running(addrs)


class CaptureEngine:
    """Runs the proxy; every finished flow goes to `emit` as a `Pending` (must not block)."""

    def __init__(self, config: CaptureConfig, emit: Callable[[Pending], None]) -> None:
        self.config = config
        self.emit = emit
        self.listen_addrs: list[tuple[str, int]] = []
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._master: object | None = None
        self._ready = threading.Event()
        self._error: str | None = None
        self._watch = _StartupLogWatch()
        self.resolver = ProcessResolver() if config.attribute_processes else None
        self.capture_addon = CaptureAddon(
            session=config.session,
            emit=emit,
            resolver=self.resolver,
            body_cap=config.body_cap,
        )
        self.sinkhole_addon = SinkholeAddon(config.sinkholes, config.sinkhole_status)

    # -- public -------------------------------------------------------------------------------

    def start(self, timeout: float = 30.0) -> list[tuple[str, int]]:
        """Start listening; the listen addresses, or AuditorError with a one-line reason."""
        if self.resolver is not None:
            # The vendor files name each process's app. Loaded lazily on the lookup thread, they
            # held up the first lookups long enough for a short-lived program's sockets to close
            # before they were attributed; load them before anything connects.
            app_registry()
        self._watch.install()
        self._thread = threading.Thread(target=self._thread_main, name="auditor-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            self.stop()
            raise AuditorError("the proxy did not start in time")
        if self._error is not None:
            self.stop()
            raise AuditorError(self._error)
        return self.listen_addrs

    def stop(self, timeout: float = 15.0, drain: float = DRAIN_TIMEOUT) -> None:
        """Stop the proxy; open flows are handed on (the `done` hook) before this returns.

        First, for at most `drain` seconds, requests already on their way in are let finish: a
        request sent just before the stop is held by the attribution wait or not parsed yet, and
        stopping at once would lose it and leave its client hanging."""
        loop, master = self._loop, self._master
        if loop is not None and master is not None and not loop.is_closed():
            serving = self._error is None and self._ready.is_set()
            if drain > 0 and serving and threading.current_thread() is not self._thread:
                self._drain(loop, drain)
            try:
                master.shutdown()  # type: ignore[attr-defined]
            except RuntimeError:
                pass  # loop already closed
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._watch.uninstall()
        if self.resolver is not None:
            self.resolver.close()

    def _drain(self, loop: asyncio.AbstractEventLoop, seconds: float) -> None:
        addon = self.capture_addon

        async def settle() -> None:
            end = loop.time() + seconds
            # Connections the kernel has accepted reach the hooks only when the loop gets to
            # them: give it that moment before trusting `in_flight`.
            await asyncio.sleep(DRAIN_SETTLE)
            while addon.in_flight() and loop.time() < end:
                await asyncio.sleep(0.01)

        try:
            asyncio.run_coroutine_threadsafe(settle(), loop).result(seconds + 1.0)
        except (concurrent.futures.TimeoutError, concurrent.futures.CancelledError, RuntimeError):
            pass  # the loop is gone, stopping or stuck: stop anyway

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the proxy thread ends (True) or the timeout passes (False)."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # -- proxy thread -------------------------------------------------------------------------

    def _fail(self, message: str) -> None:
        if self._error is None:
            self._error = message
        self._ready.set()

    def _on_running(self, addrs: list[tuple[str, int]]) -> None:
        self.listen_addrs = addrs
        errors = [m for m in self._watch.messages if m]
        if errors:
            self._fail(self._describe_start_error(errors[0]))
            if self._master is not None:
                self._master.shutdown()  # type: ignore[attr-defined]
            return
        # Regular modes must have bound a socket; local mode has no listen address.
        needs_socket = any(not m.startswith(("local", "wireguard")) for m in self.config.modes)
        if needs_socket and not addrs:
            self._fail("the proxy did not start listening")
            if self._master is not None:
                self._master.shutdown()  # type: ignore[attr-defined]
            return
        self._watch.uninstall()
        self._ready.set()

    def _describe_start_error(self, message: str) -> str:
        line = one_line(message)
        if any(m.startswith("local") for m in self.config.modes):
            return (
                f"local capture mode could not start: {line} — it needs the mitmproxy redirector "
                "(root, cgroup2/eBPF on Linux); use --mode regular or `auditor launch` instead"
            )
        return line

    def _thread_main(self) -> None:
        try:
            asyncio.run(self._serve())
        except Exception as err:  # anything unexpected: report it, never hang start()
            logger.exception("proxy thread failed")
            self._fail(f"the proxy failed: {err}")
        finally:
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._loop.set_exception_handler(_quiet_cancellations)
        opts = options.Options()
        master = Master(opts, event_loop=self._loop)
        cfg = self.config
        option_names = [spec.partition("=")[0].strip() for spec in cfg.mitm_options]
        master.addons.add(*mitmproxy_addons(option_names))
        master.addons.add(self.sinkhole_addon, self.capture_addon, _ReadyAddon(self))
        try:
            opts.update(
                listen_host=cfg.listen_host,
                listen_port=cfg.listen_port,
                mode=list(cfg.modes),
                confdir=str(cfg.confdir),
            )
            if cfg.sinkholes:
                # Answering in the request hook only avoids the server if we have not already
                # connected to it: lazy connects on the first request that needs the server.
                opts.update(connection_strategy="lazy")
            if cfg.mitm_options:
                opts.set(*cfg.mitm_options)
        except (exceptions.OptionsError, KeyError, ValueError) as err:
            self._fail(f"invalid mitmproxy option: {one_line(str(err)).strip(chr(39))}")
            return
        self._master = master
        await master.run()
