"""`auditor ca path|spki`: the CA certificate clients must trust (generated on first use)."""

from __future__ import annotations

import argparse

from auditor.capture.ca import ensure_ca
from auditor.commands._common import data_dir


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("ca", help="the CA certificate clients must trust")
    p.add_argument(
        "what",
        choices=("path", "spki"),
        help="path: print the CA certificate's PEM path; spki: print the base64 SHA-256 of its "
        "public key (for Chromium's --ignore-certificate-errors-spki-list)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ca = ensure_ca(data_dir(args))
    if args.what == "spki":
        print(ca.spki_sha256_b64())
    else:
        print(ca.cert_pem)
    return 0
