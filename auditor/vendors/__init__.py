"""What the program knows about vendors, as data: one YAML file per vendor (see README.md).

A vendor file says who the organisation is (the name flows carry as their recipient), the host
suffixes it receives on, the policy documents that govern it, and the apps it ships: their process
names and install folders (attribution, the "Launch a client" menu), their aliases and the pages of
their web clients. Every part of the program asks `registry()` instead of keeping its own table, so
adding a vendor is adding a file. Files are validated against `schema.json` when loaded; a file
that does not validate is a one-line error, not a silent skip.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import yaml

from auditor.errors import AuditorError
from auditor.yamltext import load_yaml

WEB_SUFFIX = " (web)"
# The C loader when PyYAML has it (as the policy packs): the pure-Python one took ~0.6 s.


@dataclass(frozen=True, slots=True)
class WebPage:
    """A page of a web client: a host glob and, optionally, a regex on the path."""

    host: str
    path: re.Pattern[str] | None = None

    def matches(self, host: str, path: str | None) -> bool:
        if not _host_glob(self.host, host):
            return False
        if self.path is None:
            return True
        # An Origin carries no path: it cannot say it is this page.
        return path is not None and self.path.search(path) is not None


@dataclass(frozen=True, slots=True)
class App:
    name: str  # what ProcessInfo.app says: "zoom"
    title: str
    organisation: str
    kind: str = "client"  # client | browser
    aliases: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    install_path: re.Pattern[str] | None = None
    install: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    web: tuple[WebPage, ...] = ()

    @property
    def web_name(self) -> str:
        """The app a browser flow of this web client is attributed to: "zoom (web)"."""
        return self.name + WEB_SUFFIX

    @property
    def is_browser(self) -> bool:
        return self.kind == "browser"


@dataclass(frozen=True, slots=True)
class Vendor:
    id: str  # file stem
    organisation: str
    domains: tuple[str, ...]
    documents: tuple[str, ...] = ()
    apps: tuple[App, ...] = ()
    description: str = ""
    fixtures: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    aliases: tuple[str, ...] = ()  # product brand beside the owner's name, former names
    sources: tuple[str, ...] = ()  # public documentation the domains come from


def builtin_dir() -> Path:
    return Path(str(resources.files("auditor") / "vendors"))


@cache
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((builtin_dir() / "schema.json").read_text("utf-8"))
    return data


def vendor_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))


def _compile(pattern: str | None, where: str) -> re.Pattern[str] | None:
    if pattern is None:
        return None
    try:
        return re.compile(pattern, re.I)
    except re.error as err:
        raise AuditorError(f"{where}: invalid regular expression {pattern!r}: {err}") from None


def load_vendor_file(path: Path) -> Vendor:
    try:
        data = load_yaml(path.read_text("utf-8"))
    except OSError as err:
        raise AuditorError(f"cannot read {path}: {err.strerror or err}") from None
    except yaml.YAMLError as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise AuditorError(f"{path}: not valid YAML: {reason}") from None
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        loc = "/".join(str(p) for p in first.absolute_path) or "(top)"
        raise AuditorError(f"{path}: invalid vendor file at {loc}: {first.message}")
    organisation = data["organisation"]
    apps = []
    for i, a in enumerate(data.get("apps") or []):
        where = f"{path}: apps/{i}"
        install = {
            platform: {key: tuple(values) for key, values in spec.items()}
            for platform, spec in (a.get("install") or {}).items()
        }
        apps.append(
            App(
                name=a["name"],
                title=a["title"],
                organisation=organisation,
                kind=a.get("kind", "client"),
                aliases=tuple(a.get("aliases") or ()),
                processes=tuple(a.get("processes") or ()),
                install_path=_compile(a.get("install_path"), where),
                install=install,
                web=tuple(
                    WebPage(w["host"], _compile(w.get("path"), where)) for w in a.get("web") or ()
                ),
            )
        )
    return Vendor(
        id=path.stem,
        organisation=organisation,
        domains=tuple(data["domains"]),
        documents=tuple(data.get("documents") or ()),
        apps=tuple(apps),
        description=data.get("description", ""),
        fixtures=data.get("fixtures") or {},
        path=path,
        aliases=tuple(data.get("aliases") or ()),
        sources=tuple(data.get("sources") or ()),
    )


def _host_glob(pattern: str, host: str) -> bool:
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and len(host) > len(pattern) - 1
    return fnmatchcase(host, pattern)


def normalise_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def _base(value: str | None) -> str:
    """Process or executable base name, lower case, without .exe/.app/.bin."""
    if not value:
        return ""
    name = os.path.basename(value.replace("\\", "/")).lower()
    for suffix in (".exe", ".app", ".bin"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


class Registry:
    """All vendors, with the look-ups the rest of the program needs."""

    def __init__(self, vendors: Iterable[Vendor]) -> None:
        self.vendors: list[Vendor] = list(vendors)
        self._by_domain: dict[str, Vendor] = {}
        self._by_org: dict[str, Vendor] = {}
        self._apps: dict[str, App] = {}  # name and aliases -> app
        self._by_process: dict[str, App] = {}
        for vendor in self.vendors:
            where = vendor.path.name if vendor.path else vendor.id
            if vendor.organisation.casefold() in self._by_org:
                raise AuditorError(
                    f"{where}: organisation {vendor.organisation!r} is defined twice"
                )
            self._by_org[vendor.organisation.casefold()] = vendor
        # Aliases name one organisation each, and never another organisation's own name.
        self._by_alias: dict[str, Vendor] = {}
        for vendor in self.vendors:
            where = vendor.path.name if vendor.path else vendor.id
            for alias in vendor.aliases:
                key = alias.casefold()
                other = self._by_org.get(key) or self._by_alias.get(key)
                if other is not None and other is not vendor:
                    raise AuditorError(
                        f"{where}: alias {alias!r} already names {other.organisation}"
                    )
                self._by_alias[key] = vendor
        for vendor in self.vendors:
            where = vendor.path.name if vendor.path else vendor.id
            for domain in vendor.domains:
                other = self._by_domain.get(domain)
                if other is not None:
                    raise AuditorError(
                        f"{where}: domain {domain} already belongs to {other.organisation}"
                    )
                self._by_domain[domain] = vendor
            for app in vendor.apps:
                for key in (app.name, *app.aliases):
                    if key in self._apps:
                        raise AuditorError(f"{where}: app name {key!r} is used twice")
                    self._apps[key] = app
                for proc in app.processes:
                    if proc in self._by_process:
                        raise AuditorError(f"{where}: process name {proc!r} is used twice")
                    self._by_process[proc] = app
        self._organisation_for_host = lru_cache(maxsize=4096)(self._organisation_uncached)

    # ------------------------------------------------------------------------------------------
    # Recipients

    def organisation_for_host(self, host: str) -> str | None:
        """The organisation a host belongs to, by the longest known host suffix."""
        return self._organisation_for_host(normalise_host(host))

    def _organisation_uncached(self, host: str) -> str | None:
        labels = host.split(".")
        for start in range(len(labels)):
            vendor = self._by_domain.get(".".join(labels[start:]))
            if vendor is not None:
                return vendor.organisation
        return None

    def vendor_for_organisation(self, organisation: str | None) -> Vendor | None:
        if not organisation:
            return None
        return self._by_org.get(organisation.casefold())

    def organisation_named(self, name: str | None) -> str | None:
        """The organisation a user's name for a recipient means: its own name or an alias
        ("Loggly" → "SolarWinds Loggly"), any case; None when no vendor file knows it."""
        key = (name or "").strip().casefold()
        vendor = self._by_org.get(key) or self._by_alias.get(key)
        return vendor.organisation if vendor is not None else None

    def recipient_title(self, organisation: str | None) -> str | None:
        """How a recipient is named to a user: the organisation and, beside it, the other names
        it is known by ("Harness Split (Split Software)")."""
        if not organisation:
            return None
        vendor = self.vendor_for_organisation(organisation)
        if vendor is None or not vendor.aliases:
            return organisation
        others = [a for a in vendor.aliases if a.casefold() not in organisation.casefold()]
        return f"{organisation} ({', '.join(others)})" if others else organisation

    # ------------------------------------------------------------------------------------------
    # Apps

    def apps(self) -> list[App]:
        return [app for vendor in self.vendors for app in vendor.apps]

    def app(self, name: str | None) -> App | None:
        """The app a ProcessInfo.app names: by name or alias, "zoom (web)" included."""
        if not name:
            return None
        key = name.strip().lower()
        key = key.removesuffix(WEB_SUFFIX).strip()
        return self._apps.get(key)

    def canonical_app(self, name: str | None) -> str | None:
        app = self.app(name)
        return app.name if app is not None else None

    def app_organisation(self, name: str | None) -> str | None:
        """The organisation that ships the app (also accepts an organisation's own name)."""
        app = self.app(name)
        if app is not None:
            return app.organisation
        vendor = self.vendor_for_organisation((name or "").strip())
        return vendor.organisation if vendor is not None else None

    def documents_for_app(self, name: str | None) -> tuple[str, ...]:
        """The documents of the vendor that ships the audited app (none for a browser itself: a
        browser's flows are judged by the web client they come from, or by their recipient)."""
        app = self.app(name)
        if app is None or app.is_browser:
            return ()
        vendor = self.vendor_for_organisation(app.organisation)
        return vendor.documents if vendor is not None else ()

    def documents_for_organisation(self, organisation: str | None) -> tuple[str, ...]:
        vendor = self.vendor_for_organisation(organisation)
        return vendor.documents if vendor is not None else ()

    def is_browser(self, name: str | None) -> bool:
        app = self.app(name)
        return app is not None and app.is_browser

    def app_for_process(self, candidates: Sequence[str], exe: str | None) -> App | None:
        """The app of one process from its base names (see `process_base`), then its install
        folder."""
        for candidate in candidates:
            app = self._by_process.get(candidate)
            if app is not None:
                return app
        if exe:
            for app in self.apps():
                if app.install_path is not None and app.install_path.search(exe):
                    return app
        return None

    # ------------------------------------------------------------------------------------------
    # Web clients

    def web_app_for(
        self,
        url: str | None,
        origin: str | None,
        referer: str | None,
        *,
        navigation: bool = False,
    ) -> App | None:
        """The web client a browser request belongs to: the page that made it (Origin, then
        Referer) or, for the page itself, its own URL. A navigation (`Sec-Fetch-Mode: navigate`)
        loads the page its URL names, whichever page linked to it."""
        sources: list[tuple[str | None, bool]] = [(origin, False), (referer, True), (url, True)]
        if navigation:
            sources = [(url, True)]
        for value, with_path in sources:
            if not value or value == "null":
                continue
            try:
                parts = urlsplit(value)
                host = parts.hostname
            except ValueError:
                continue
            if not host or parts.scheme not in ("http", "https"):
                continue
            app = self._web_page_app(normalise_host(host), parts.path or "/" if with_path else None)
            if app is not None:
                return app
            if value is origin or value is referer:
                # The page is known and is not a web client: its own URL does not make it one.
                return None
        return None

    def _web_page_app(self, host: str, path: str | None) -> App | None:
        for app in self.apps():
            if any(page.matches(host, path) for page in app.web):
                return app
        return None


def process_base(value: str | None) -> str:
    return _base(value)


def load_registry(directories: Sequence[Path] = ()) -> Registry:
    vendors: list[Vendor] = []
    for directory in (builtin_dir(), *directories):
        vendors.extend(load_vendor_file(p) for p in vendor_files(directory))
    return Registry(vendors)


@cache
def registry() -> Registry:
    """The shipped vendor files (loaded once)."""
    return load_registry()
