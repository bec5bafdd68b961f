"""PyPI SDKs of the fifth held-out set (heldout5.py), each making the calls a meeting client
would make, to its vendor's real ingest host. Run one as a program: `python heldout5_runs.py
SCENARIO`; heldout5.py starts it through the auditor's proxy (`auditor capture --sinkhole '*'`)
with the environment `auditor launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

USER_ID = "usr_7Qe2Lk91"
MEETING_ID = CORPUS_VALUES["meeting_id"]


def _logger(name: str, handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(name)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.addHandler(handler)
    return logger


def _join_error() -> ValueError:
    try:
        raise ValueError(f"media connection failed for meeting {MEETING_ID}: ICE timeout")
    except ValueError as err:
        return err


def run_logdna() -> None:
    """Mezmo (LogDNA): the handler puts hostname, MAC and IP in the ingest URL's query."""
    from logdna import LogDNAHandler

    handler = LogDNAHandler(
        "b7c1e5a9d3f24e6a8c0b2d4f6a8c0e1f",
        {
            "app": "meeting-desktop",
            "env": "production",
            "hostname": CORPUS_VALUES["hostname"],
            "mac": CORPUS_VALUES["mac"],
            "ip": CORPUS_VALUES["local_ip"],
            "tags": ["meeting-client", "linux"],
            "index_meta": True,
            # Record attributes sent as `meta`: the `extra={"meta": …}` of each call.
            "custom_fields": ["meta", "name", "lineno"],
            "url": "https://logs.mezmo.com/logs/ingest",
            "flush_interval": 100,
            "request_timeout": 5000,
        },
    )
    logger = _logger("logdna-corpus", handler)
    logger.info(
        "joined meeting",
        extra={"meta": {"user_id": USER_ID, "meeting_id": MEETING_ID, "participants": 7}},
    )
    logger.error(
        "audio device lost",
        extra={"meta": {"device": "Jabra Evolve2 65", "os": "Debian 12", "user_id": USER_ID}},
    )
    handler.flush()
    handler.close()


def run_logzio() -> None:
    """Logz.io: NDJSON bulk listener, extra fields become top-level keys."""
    from logzio.handler import LogzioHandler

    handler = LogzioHandler(
        "lzToken0corpusXyWvUtSrQpOnMlKjIhG",
        logzio_type="meeting-client",
        logs_drain_timeout=1,
        url="https://listener-eu.logz.io:8071",
        retries_no=1,
        retry_timeout=1,
        # It keeps unsent logs in a file in the working directory; the sinkhole's answer is not
        # the one it waits for, so it would leave one behind on every run.
        backup_logs=False,
    )
    logger = _logger("logzio-corpus", handler)
    logger.info(
        "meeting quality sample",
        extra={
            "meeting_id": MEETING_ID,
            "jitter_ms": 18.5,
            "packet_loss_pct": 0.4,
            "round_trip_ms": 42,
            "connection_type": "wifi",
        },
    )
    try:
        raise _join_error()
    except ValueError:
        logger.exception(
            "join failed", extra={"user_email": CORPUS_VALUES["email"], "user_id": USER_ID}
        )
    handler.flush()


def run_loki() -> None:
    """Loki push API (JSON streams with labels) from python-logging-loki, to a self-hosted Loki
    (Grafana Labs' own cloud is a dev-set vendor through Faro)."""
    import logging_loki

    handler = logging_loki.LokiHandler(
        url="https://loki.meetcorp-example.com/loki/api/v1/push",
        tags={"app": "meeting-desktop", "host": CORPUS_VALUES["hostname"]},
        auth=("meeting-desktop", "lokiPushPassword-corpus-7f3a"),
        version="1",
    )
    logger = _logger("loki-corpus", handler)
    logger.info(
        f"user {CORPUS_VALUES['email']} joined meeting {MEETING_ID} as host",
        extra={"tags": {"level_name": "info", "component": "signalling"}},
    )
    logger.error(
        "screen share stopped: encoder error",
        extra={"tags": {"component": "screenshare", "meeting": MEETING_ID}},
    )


def run_keen() -> None:
    """Keen: one event collection per event name, properties as sent."""
    import keen

    keen.project_id = "5f1e2d3c4b5a69788796a5b4"
    keen.write_key = "keenWriteKeyCorpus0123456789abcdefABCDEF"
    keen.add_event(
        "meeting_joined",
        {
            "user": {"id": USER_ID, "email": CORPUS_VALUES["email"], "name": CORPUS_VALUES["name"]},
            "meeting": {"id": MEETING_ID, "topic": "Quarterly budget review", "role": "host"},
            "device": {"os": "Linux", "os_version": "6.1.0", "locale": "de-CH"},
        },
    )
    keen.add_event(
        "call_quality",
        {
            "meeting_id": MEETING_ID,
            "user_id": USER_ID,
            "mos": 3.9,
            "jitter_ms": 22,
            "packet_loss_pct": 1.2,
            "network": {"type": "ethernet", "local_ip": CORPUS_VALUES["local_ip"]},
        },
    )


def run_mparticle() -> None:
    """mParticle server-to-server batch: user identities, device info, a custom event."""
    import mparticle

    config = mparticle.Configuration()
    config.api_key = "us1-corpusmparticlekey0123456789"
    config.api_secret = "mpSecretCorpus-AbCdEfGhIjKlMnOp"
    config.debug = False
    config.ssl_ca_cert = os.environ.get("SSL_CERT_FILE")
    batch = mparticle.Batch()
    batch.environment = "production"
    identities = mparticle.UserIdentities()
    identities.customerid = USER_ID
    identities.email = CORPUS_VALUES["email"]
    batch.user_identities = identities
    batch.user_attributes = {"$FirstName": "Alice", "$LastName": "Example", "plan": "business"}
    device = mparticle.DeviceInformation()
    device.os_version = "6.1.0"
    device.locale_language = "de"
    device.locale_country = "CH"
    device.device_manufacturer = "LENOVO"
    device.device_model = "21HD003AGE"
    device.network_carrier = None
    batch.device_info = device
    event = mparticle.AppEvent("Meeting Joined", "navigation")
    event.custom_attributes = {"meeting_id": MEETING_ID, "participants": "7", "role": "host"}
    batch.events = [event]
    api = mparticle.EventsApi(config)
    # Its swagger client (a bare urllib3 PoolManager) has no proxy setting and ignores
    # HTTPS_PROXY: route it through the proxy `auditor launch` set, as an app would configure it.
    import urllib3

    proxy = os.environ["HTTPS_PROXY"]
    api.api_client.rest_client.pool_manager = urllib3.ProxyManager(
        proxy, ca_certs=config.ssl_ca_cert
    )
    try:
        api.upload_events(batch)
    except Exception as err:  # the sinkhole's 204 is not the answer the client expects
        print("sent; answer:", err, file=sys.stderr)


def run_statsig() -> None:
    """Statsig server SDK: a gate check (exposure) and a custom event for a user, flushed."""
    from statsig import StatsigEvent, StatsigOptions, StatsigUser, statsig

    options = StatsigOptions(tier="production", init_timeout=2, disable_diagnostics=True)
    statsig.initialize("secret-corpusStatsigServerKey0123456789", options)
    user = StatsigUser(
        user_id=USER_ID,
        email=CORPUS_VALUES["email"],
        country="CH",
        locale="de-CH",
        app_version="6.2.4",
        custom={"plan": "business"},
    )
    statsig.check_gate(user, "new_noise_suppression")
    statsig.log_event(
        StatsigEvent(
            user, "meeting_joined", value=MEETING_ID, metadata={"participants": "7", "video": "on"}
        )
    )
    statsig.shutdown()


SCENARIOS: dict[str, Callable[[], None]] = {
    "logdna-py": run_logdna,
    "logzio-py": run_logzio,
    "loki-py": run_loki,
    "keen-py": run_keen,
    "mparticle-py": run_mparticle,
    "statsig-py": run_statsig,
}


def main() -> int:
    name = sys.argv[1]
    SCENARIOS[name]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
