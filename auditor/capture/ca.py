"""The per-data-dir certificate authority clients must trust.

mitmproxy keeps its CA in its `confdir`; we point that at `DataDir.ca_dir`, so two data dirs never
share a CA. The CA is generated on first use. mitmproxy writes the private key under a 0077
umask already; we check and tighten the modes anyway, because a readable CA key lets anyone on the
machine impersonate every site to the clients that trust it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from auditor.paths import DataDir

CONF_BASENAME = "mitmproxy"
KEY_SIZE = 2048
# Files holding the CA private key.
_SECRET_FILES = ("mitmproxy-ca.pem", "mitmproxy-ca.p12")


@dataclass(frozen=True, slots=True)
class CaFiles:
    confdir: Path
    cert_pem: Path  # the certificate alone: what clients trust
    key_pem: Path  # key + certificate: mitmproxy's signing key (mode 0600)

    def spki_sha256_b64(self) -> str:
        """Base64 SHA-256 of the CA's SubjectPublicKeyInfo, for Chromium's
        `--ignore-certificate-errors-spki-list`."""
        return spki_sha256_b64(self.cert_pem)


def spki_sha256_b64(cert_pem: Path) -> str:
    cert = x509.load_pem_x509_certificate(cert_pem.read_bytes())
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


def _tighten(confdir: Path) -> None:
    os.chmod(confdir, 0o700)
    for name in _SECRET_FILES:
        path = confdir / name
        if path.exists() and stat.S_IMODE(path.stat().st_mode) != 0o600:
            os.chmod(path, 0o600)


def ensure_ca(data_dir: DataDir) -> CaFiles:
    """The data dir's CA, generated now if it does not exist yet."""
    from mitmproxy.certs import CertStore

    confdir = data_dir.ca_dir
    confdir.mkdir(parents=True, exist_ok=True, mode=0o700)
    key_pem = confdir / f"{CONF_BASENAME}-ca.pem"
    if not key_pem.exists():
        CertStore.create_store(confdir, CONF_BASENAME, KEY_SIZE)
    _tighten(confdir)
    return CaFiles(
        confdir=confdir,
        cert_pem=confdir / f"{CONF_BASENAME}-ca-cert.pem",
        key_pem=key_pem,
    )
