"""Known-value search: this machine's and the user's own values, in every form apps send them."""

from __future__ import annotations

import base64
import hashlib
import json
import socket
from pathlib import Path
from urllib.parse import quote

import pytest

from auditor.label import KnownValue, KnownValues, Labeller
from auditor.label.rules import flow_from_fixture
from auditor.records import Field

EMAIL = "Alice.Example@Example.com"
HOST = "corpus-host-01"


@pytest.fixture(scope="module")
def known() -> KnownValues:
    return KnownValues.from_mapping(
        {
            "email": EMAIL,
            "hostname": HOST,
            "mac": "3c:22:fb:12:34:56",
            "username": "bob1",
            "meeting_id": "85512345678",
            "name": "Alice Example",
        }
    )


def body(value: str, key: str = "v", *, frame: bool = False) -> list[Field]:
    return [Field(path=("body", key), value=value, in_stack_frame=frame)]


def digest(name: str, text: str) -> bytes:
    return hashlib.new(name, text.encode()).digest()


@pytest.mark.parametrize(
    ("form", "encoding"),
    [
        (EMAIL, "raw"),
        (EMAIL.lower(), "lower case"),
        (digest("md5", EMAIL).hex(), "md5"),
        (digest("md5", EMAIL.lower()).hex().upper(), "md5"),
        (digest("sha1", EMAIL).hex(), "sha1"),
        (digest("sha256", EMAIL.lower()).hex(), "sha256"),
        # Apps normalise before hashing: upper-cased too (trimmed is the value itself).
        (digest("md5", EMAIL.upper()).hex(), "md5"),
        (digest("sha256", EMAIL.upper()).hex(), "sha256"),
        (base64.b64encode(digest("sha256", EMAIL.upper())).decode(), "sha256 base64"),
        (base64.b64encode(digest("sha256", EMAIL)).decode(), "sha256 base64"),
        (base64.urlsafe_b64encode(digest("sha1", EMAIL)).decode().rstrip("="), "sha1 base64"),
        (base64.b64encode(EMAIL.encode()).decode(), "base64"),
        (base64.urlsafe_b64encode(EMAIL.lower().encode()).decode().rstrip("="), "base64"),
        (quote(EMAIL, safe=""), "percent-encoded"),
    ],
)
def test_every_form_is_found(known: KnownValues, form: str, encoding: str) -> None:
    hits = known.search(body(f"prefix {form} suffix"))
    assert len(hits) == 1
    hit = hits[0]
    assert hit.detector == "known_value.email"
    assert f"({encoding})" in hit.excerpt
    assert form not in hit.excerpt  # masked
    hashed = encoding.startswith(("md5", "sha"))
    assert hit.category == ("identifiers.user_id" if hashed else "contact_info.email")


def test_found_in_url_and_headers(known: KnownValues) -> None:
    url = f"https://t.example.test/p?h={hashlib.sha256(HOST.encode()).hexdigest()}"
    assert [h.where for h in known.search([], url)] == ["url"]
    header = [Field(path=("header", "X-Machine"), value=HOST, source="header")]
    assert [h.category for h in known.search(header)] == ["identifiers.network_id"]


def test_mac_in_other_spellings(known: KnownValues) -> None:
    for spelling in ("3C-22-FB-12-34-56", "3c22fb123456", "3C:22:FB:12:34:56"):
        assert [h.category for h in known.search(body(spelling))] == ["identifiers.network_id"]


def test_word_boundaries_and_short_values(known: KnownValues) -> None:
    assert known.search(body(f"x{HOST}y")) == []
    assert known.search(body(f"{HOST}7")) == []
    assert len(known.search(body(f"{HOST}.local"))) == 1
    # "bob1" is short: only a field that is exactly that value counts.
    assert known.search(body("bob1 said hi")) == []
    assert [h.category for h in known.search(body("bob1"))] == ["identifiers.user_id"]


def test_stack_frames_are_ignored(known: KnownValues) -> None:
    assert known.search(body(EMAIL, frame=True)) == []


def test_values_shorter_than_the_minimum_are_not_searched() -> None:
    assert len(KnownValues([KnownValue("username", "al")])) == 0


def test_meeting_id_found_in_path(known: KnownValues) -> None:
    hits = known.search([], "https://zoom.example.test/j/85512345678?pwd=x")
    assert [h.category for h in hits] == ["meeting_metadata"]


def test_for_this_machine_collects_machine_and_user_values(tmp_path: Path) -> None:
    file = tmp_path / "known-values.json"
    file.write_text(
        json.dumps(
            {"email": "me@example.org", "meeting_id": ["98765432101"], "future_kind": "ignored"}
        )
    )
    values = KnownValues.for_this_machine({"name": "Carla Diaz"}, known_values_file=file)
    kinds = {(v.kind, v.value) for v in values.values}
    assert ("hostname", socket.gethostname()) in kinds or len(socket.gethostname()) < 4
    assert ("email", "me@example.org") in kinds
    assert ("meeting_id", "98765432101") in kinds
    assert ("name", "Carla Diaz") in kinds
    assert not any(v.value.startswith("127.") for v in values.values if v.kind == "local_ip")
    if Path("/etc/machine-id").exists():
        assert any(v.kind == "machine_id" for v in values.values)


def test_for_this_machine_reads_the_data_dir(tmp_path: Path) -> None:
    from auditor.paths import DataDir

    data_dir = DataDir(tmp_path)
    data_dir.known_values.write_text(json.dumps({"name": "Erik Example"}))
    values = KnownValues.for_this_machine(data_dir=data_dir)
    assert ("name", "Erik Example") in {(v.kind, v.value) for v in values.values}
    data_dir.known_values.write_text("{not json")
    assert all(v.kind != "name" for v in KnownValues.for_this_machine(data_dir=data_dir).values)


def test_labeller_uses_known_values_end_to_end() -> None:
    machine = KnownValues.for_this_machine()
    # The host name may be too short to search ("vm"); the machine id or a MAC never is.
    value = next(v for v in machine.values if len(v.value) >= 12)
    labeller = Labeller(known_values=machine)
    token = hashlib.sha256(value.value.encode()).hexdigest()
    flow = flow_from_fixture(
        {"rule": "x", "url": "https://t.example.test/v1/hb", "body": {"h": token}}
    )
    result = labeller.label(flow)
    (label,) = result.labels
    assert label.category.startswith("identifiers.")
    assert label.evidence[0].rule == f"known_value.{value.kind}"
    assert token not in label.evidence[0].excerpt
    assert set(Labeller().label(flow).categories()) == {"other"}  # without known values


def test_a_value_entered_with_spaces_is_found_hashed_trimmed() -> None:
    padded = KnownValues.from_mapping({"email": f"  {EMAIL}\t"})
    for text in (EMAIL.strip().lower(), EMAIL.upper()):
        hits = padded.search(body(hashlib.sha256(text.encode()).hexdigest()))
        assert [h.detector for h in hits] == ["known_value.email"]
