"""PyPI SDKs of the dev set sdk7 (sdk7.py), each making the calls a meeting client would make,
to its vendor's real ingest host (self-hosted products: a host under meetcorp-example.com). Run
one as a program: `python sdk7_runs.py SCENARIO`; sdk7.py starts it through the auditor's proxy
(`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a program, so
nothing leaves the machine.
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

USER_ID = "usr_3Hf8Wq20"
MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Hiring committee sync"


def _join_error() -> Exception:
    try:
        raise TimeoutError(f"media connection failed for meeting {MEETING_ID}: ICE timeout")
    except TimeoutError as err:
        return err


def run_opensearch() -> None:
    """opensearch-py: meeting events bulk-indexed (NDJSON) into a self-hosted OpenSearch, and
    a search for the user's meetings."""
    from opensearchpy import OpenSearch, RequestsHttpConnection, helpers

    client = OpenSearch(
        hosts=[{"host": "search.meetcorp-example.com", "port": 443}],
        http_auth=("meet-ingest", "OsCorpusPassw0rd-7f6e"),
        use_ssl=True,
        verify_certs=True,
        ca_certs=os.environ.get("REQUESTS_CA_BUNDLE"),
        connection_class=RequestsHttpConnection,
        max_retries=0,
    )
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    actions = [
        {
            "_index": "meeting-events",
            "_source": {
                "@timestamp": now,
                "event": "meeting_joined",
                "user_id": USER_ID,
                "user_email": CORPUS_VALUES["email"],
                "user_name": CORPUS_VALUES["name"],
                "meeting_id": MEETING_ID,
                "topic": TOPIC,
                "participants": 5,
                "client": {
                    "os": "Debian GNU/Linux 12",
                    "locale": "de-CH",
                    "hostname": CORPUS_VALUES["hostname"],
                },
            },
        },
        {
            "_index": "meeting-events",
            "_source": {
                "@timestamp": now,
                "event": "media_quality",
                "meeting_id": MEETING_ID,
                "network_type": "wifi",
                "rtt_ms": 412,
                "jitter_ms": 48,
                "packet_loss_pct": 3.5,
            },
        },
    ]
    try:
        helpers.bulk(client, actions)
    except Exception as err:  # the sinkhole's empty 204 is no bulk response
        print("bulk:", type(err).__name__, file=sys.stderr)
    try:
        client.index(
            index="meeting-participants",
            id=f"{MEETING_ID}-{USER_ID}",
            body={
                "meeting_id": MEETING_ID,
                "user_id": USER_ID,
                "display_name": CORPUS_VALUES["name"],
                "joined_at": now,
                "client_ip": CORPUS_VALUES["local_ip"],
                "device": {"model": "ThinkPad X1 Carbon Gen 11", "cpu_cores": 8, "memory_gb": 16},
            },
        )
    except Exception as err:
        print("index:", type(err).__name__, file=sys.stderr)
    try:
        client.search(
            index="meeting-events",
            body={"query": {"term": {"user_email": CORPUS_VALUES["email"]}}, "size": 20},
        )
    except Exception as err:
        print("search:", type(err).__name__, file=sys.stderr)


def run_logstash() -> None:
    """python-logstash-async with its HTTP transport: log records as Logstash JSON events,
    batched, to a self-hosted Logstash http input."""
    from logstash_async.handler import AsynchronousLogstashHandler
    from logstash_async.transport import HttpTransport

    host = "logstash.meetcorp-example.com"
    transport = HttpTransport(
        host,
        443,
        ssl_enable=True,
        ssl_verify=True,
        timeout=5.0,
        username="meet-shipper",
        password="LsCorpusPassw0rd-3c2b",
    )
    handler = AsynchronousLogstashHandler(host, 443, transport=transport, database_path=None)
    logger = logging.getLogger("meeting-desktop")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    logger.info(
        "user joined meeting",
        extra={
            "user_id": USER_ID,
            "user_email": CORPUS_VALUES["email"],
            "meeting_id": MEETING_ID,
            "topic": TOPIC,
            "participants": 5,
            "locale": "de_CH.UTF-8",
        },
    )
    try:
        raise _join_error()
    except TimeoutError:
        logger.exception(
            "media connection failed",
            extra={"meeting_id": MEETING_ID, "network_type": "wifi", "rtt_ms": 412},
        )
    handler.flush()
    time.sleep(2)
    handler.close()


def _proxy_pool() -> object:
    """A urllib3 pool through the capture (HTTPS_PROXY, trusting SSL_CERT_FILE): SDKs whose
    urllib3 client has no proxy setting of their own are handed this one."""
    import urllib3

    return urllib3.ProxyManager(
        os.environ["HTTPS_PROXY"], cert_reqs="CERT_REQUIRED", ca_certs=os.environ["SSL_CERT_FILE"]
    )


def run_scout() -> None:
    """scout-apm: an error captured with the request's path, params, session and custom params,
    sent gzip to Scout's error service (the core agent is not launched: no download offline).
    Its urllib3 pool has no proxy setting and trusts certifi only, so it gets `_proxy_pool`."""
    import scout_apm.core.error_service as error_service
    from scout_apm.api import Config, Error, install

    error_service.urllib3_cert_pool_manager = _proxy_pool  # type: ignore[assignment]
    Config.set(
        key="ScoutCorpusKey9a8b7c6d5e4f3a2b",
        name="Meeting Desktop",
        monitor=True,
        errors_enabled=True,
        core_agent_launch=False,
        core_agent_download=False,
        application_root="/opt/meeting-desktop",
        hostname=CORPUS_VALUES["hostname"],
        revision_sha="5f3c2a1b",
    )
    install()
    try:
        raise _join_error()
    except TimeoutError as err:
        Error.capture(
            err,
            request_path=f"/meetings/{MEETING_ID}/join",
            request_params={"meeting_id": MEETING_ID, "topic": TOPIC},
            session={"user_id": USER_ID, "user_email": CORPUS_VALUES["email"], "locale": "de-CH"},
            custom_controller="MeetingController#join",
            custom_params={"participants": 5, "network_type": "wifi", "rtt_ms": 412},
        )
    error_service.ErrorServiceThread.wait_until_drained(timeout_seconds=5)
    time.sleep(2)


def run_gofeatureflag() -> None:
    """GO Feature Flag's OpenFeature provider against a self-hosted relay proxy: in-process
    evaluation (its default) of the flag configuration it fetches, whose evaluation events for
    the user its data collector then posts. Its urllib3 pool has no proxy setting, so it gets
    `_proxy_pool`."""
    from gofeatureflag_python_provider.options import GoFeatureFlagOptions
    from gofeatureflag_python_provider.provider import GoFeatureFlagProvider
    from openfeature import api
    from openfeature.evaluation_context import EvaluationContext

    provider = GoFeatureFlagProvider(
        options=GoFeatureFlagOptions(
            endpoint="https://flags.meetcorp-example.com",
            api_key="gffCorpusApiKey1a2b3c4d5e6f",
            data_flush_interval=500,
            urllib3_pool_manager=_proxy_pool(),
            exporter_metadata={"app": "meeting-desktop", "os": "Debian GNU/Linux 12"},
        )
    )
    try:
        api.set_provider_and_wait(provider)
    except Exception as err:  # the sinkhole's empty 204 is no flag configuration
        print("provider:", type(err).__name__, err, file=sys.stderr)
    client = api.get_client()
    context = EvaluationContext(
        targeting_key=USER_ID,
        attributes={
            "email": CORPUS_VALUES["email"],
            "name": CORPUS_VALUES["name"],
            "locale": "de-CH",
            "country": "CH",
            "last_meeting_id": MEETING_ID,
        },
    )
    client.get_boolean_value("noise-suppression-v2", False, context)
    client.get_string_value("meeting-toolbar-layout", "classic", context)
    time.sleep(2)
    api.shutdown()
    time.sleep(1)


SCENARIOS: dict[str, Callable[[], None]] = {
    "opensearch-py": run_opensearch,
    "logstash-py": run_logstash,
    "scout-py": run_scout,
    "gofeatureflag-py": run_gofeatureflag,
}


def main() -> int:
    name = sys.argv[1]
    SCENARIOS[name]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
