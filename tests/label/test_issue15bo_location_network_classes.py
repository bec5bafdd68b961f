"""Location, network and device classes of look-up APIs (issue 15bo, from heldout34's misses and
heldout35's os/locale false positives; tests/label/corpus/README.md, their "Fixed since (issue
15bo)"). By class, none by vendor, host or fixture: the hosts, places and addresses below are
invented (documentation ranges for IPs), none is a corpus set's.

- location.precise: coordinates as ONE string (`lat,lon`, `lon,lat`, `;`-joined waypoints)
  under coordinate keys (`coordinates`, `latlng`, `focus`, `near`, `origin`...), under a search
  text's key (`q`) with a precise location's decimals, in a URL path segment, and as a form's two
  repeated `coordinates` keys; three or more decimals precise, fewer coarse (the taxonomy's
  rule, as for `lat`/`lon` pairs). Not: sizes, ranges, prices, versions, timestamps,
  out-of-range pairs, numbers under other keys.
- location.coarse: a record's description naming a city when the record carries coordinates (a
  geofence), a route's waypoint names, a country filter key, a flight leg's airport codes with
  its date. Not: a description without coordinates, a currency pair, codes without a date.
- identifiers.network_id: an IP address as a URL path segment; a JSON array of addresses is no
  analytics batch. Not: a release's four-part version in a path.
- device_info.os: an SDK's user-agent header whose comment names the OS. Not: a product token
  alone, a comment naming no OS, a `-Platform` naming an app, a `-PlatformVersion` alone.
- device_info.locale, not: the language a look-up answers in, the language of an uploaded file.
  Still: a tracker's or a profile's language.
- identifiers.user_id: `reserver_id` (the person reserving).
"""

from __future__ import annotations

from typing import Any

import pytest

from auditor.export.redact import Pseudonymizer, Redactor
from auditor.label import Labeller
from auditor.vocabulary import coordinate_text_decimals, path_location_key
from tests.label.fixture_labels import categories

PRECISE = "location.precise"
COARSE = "location.coarse"
NID = "identifiers.network_id"
OS = "device_info.os"
LOCALE = "device_info.locale"
UID = "identifiers.user_id"
USAGE = "service_generated.product_usage"
FORM = [("Content-Type", "application/x-www-form-urlencoded")]


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def _get(labeller: Labeller, url: str, headers: list[tuple[str, str]] | None = None) -> set[str]:
    return categories(labeller, url, None, method="GET", headers=headers)


def _post(labeller: Labeller, url: str, body: Any, method: str = "POST") -> set[str]:
    headers = FORM if isinstance(body, str) else None
    return categories(labeller, url, body, method=method, headers=headers)


# -- location.precise: coordinates as one string ------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://geo.example.net/geocode/v2/reverse?q=52.52008%2C13.40495&key=k1",
        "https://geo.example.net/v1/lookup?latlng=40.71427,-74.00597",
        "https://geo.example.net/v1/places/search?near=-33.86785,151.20732&limit=3",
        "https://geo.example.net/v1/suggest?input=park&focus=48.13513,11.58198",
        "https://nav.example.net/v1/route/distance?origin=51.50735,-0.12776"
        "&destination=51.50322,-0.11951&modes=foot",
        # in the path: one point with a format suffix, a route's `;`-joined waypoints
        "https://tiles.example.net/search/v4/places/-0.12776,51.50735.json?token=t1",
        "https://nav.example.net/route/v1/driving/13.40495,52.52008%3B13.37691,52.51628",
    ],
)
def test_coordinates_as_one_string_are_precise(labeller: Labeller, url: str) -> None:
    assert PRECISE in _get(labeller, url)


def test_coordinates_as_two_repeated_form_keys_are_precise(labeller: Labeller) -> None:
    body = "name=HQ&type=circle&coordinates=13.40495&coordinates=52.52008&radius=80"
    assert PRECISE in _post(labeller, "https://geo.example.com/v1/fences/hq", body, "PUT")


def test_coordinates_with_few_decimals_are_coarse(labeller: Labeller) -> None:
    found = _get(labeller, "https://geo.example.net/v1/suggest?input=park&proximity=52.5,13.4")
    assert COARSE in found
    assert PRECISE not in found


@pytest.mark.parametrize(
    "url",
    [
        "https://img.example.net/v1/resize?q=1920,1080",  # a size: no decimals
        "https://shop.example.net/v1/search?q=12.50,13.99",  # prices: no precise decimals
        "https://img.example.net/v1/crop?size=1920.5,1080.5",  # not a coordinate key
        "https://geo.example.net/v1/lookup?coordinates=95.12345,200.12345",  # out of range
        "https://api.example.net/v1/report?range=10.55555,20.55555",
        "https://api.example.net/v1/compat?version=1.23456,2.34567",
        "https://api.example.net/v1/series/1700000000.123,1700000060.456/points",
        "https://api.example.net/v1/sdk/1.2.3/config",
        "https://geo.example.net/v1/lookup?coordinates=0.000,0.000",
    ],
)
def test_number_pairs_that_are_no_coordinates(labeller: Labeller, url: str) -> None:
    found = _get(labeller, url)
    assert PRECISE not in found
    assert COARSE not in found


def test_coordinate_text_reads_decimals() -> None:
    assert coordinate_text_decimals("46.76947,23.58552") == 5
    assert coordinate_text_decimals("16.37208,48.20849;16.38297,48.2158") == 4
    assert coordinate_text_decimals("52.5, 13.4") == 1
    assert coordinate_text_decimals("1920,1080") is None
    assert coordinate_text_decimals("3.4.0") is None
    assert coordinate_text_decimals("120.12345,120.12345") is None


# -- location.coarse ------------------------------------------------------------------------------


def test_a_geofence_description_naming_a_city_is_coarse(labeller: Labeller) -> None:
    body = {"description": "Acme Office Munich, Leopoldstraße 10", "coordinates": [11.582, 48.135]}
    assert COARSE in _post(labeller, "https://geo.example.com/v1/geofences", body)
    form = "description=Acme+Office+Munich&coordinates=11.58198&coordinates=48.13513"
    assert COARSE in _post(labeller, "https://geo.example.com/v1/geofences/x", form, "PUT")


def test_a_description_without_coordinates_is_no_place(labeller: Labeller) -> None:
    body = {"description": "Acme Office Munich", "amount": 12}
    assert COARSE not in _post(labeller, "https://api.example.com/v1/invoices", body)


def test_waypoint_names_naming_a_city_are_coarse(labeller: Labeller) -> None:
    url = "https://nav.example.net/v1/route?waypoint_names=%3BAcme%20Office%20Munich&steps=false"
    assert COARSE in _get(labeller, url)
    url = "https://nav.example.net/v1/route?waypoint_names=Start%3BEnd&steps=false"
    assert COARSE not in _get(labeller, url)


def test_a_country_filter_is_coarse(labeller: Labeller) -> None:
    assert COARSE in _get(labeller, "https://geo.example.net/v1/suggest?input=x&clip-to-country=DE")


def test_a_flight_legs_airport_codes_with_its_date_are_coarse(labeller: Labeller) -> None:
    body = {
        "data": {
            "slices": [{"origin": "MUC", "destination": "LIS", "departure_date": "2027-03-02"}],
            "cabin_class": "economy",
        }
    }
    assert COARSE in _post(labeller, "https://travel.example.com/air/offer_requests", body)


@pytest.mark.parametrize(
    "body",
    [
        {"origin": "EUR", "destination": "USD", "amount": 100},  # a currency pair, no date
        {"origin": "MUC", "departure_date": "2027-03-02"},  # one end only
        {"origin": "https://app.example.com", "destination": "LIS", "date": "2027-03-02"},
    ],
)
def test_codes_that_are_no_trip(labeller: Labeller, body: dict[str, Any]) -> None:
    assert COARSE not in _post(labeller, "https://api.example.com/v1/convert", body)


# -- identifiers.network_id ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://ipdata.example.org/203.0.113.77",
        "https://ipdata.example.org/geoip/v2.1/city/198.51.100.23",
        "https://ipdata.example.org/lookup/2001:db8::7/json",
    ],
)
def test_an_ip_address_in_the_path_is_a_network_id(labeller: Labeller, url: str) -> None:
    assert NID in _get(labeller, url)


@pytest.mark.parametrize(
    "url",
    [
        "https://dl.example.org/releases/2.10.1.0/notes",
        "https://api.example.org/v1/sdk/1.2.3/config",
        "https://api.example.org/127.0.0.1",
    ],
)
def test_versions_in_the_path_are_no_network_id(labeller: Labeller, url: str) -> None:
    assert NID not in _get(labeller, url)


def test_path_location_key() -> None:
    assert path_location_key("82.77.145.203") == "ip"
    assert path_location_key("23.58552,46.76947.json") == "coordinates"
    assert path_location_key("2.10.1.0", "releases") is None
    assert path_location_key("v2.1") is None


def test_the_redactor_pseudonymises_an_ip_address_in_the_path() -> None:
    """The labeller reads it as a network id: exports replace it as under an `ip` key, and
    keep a release's version and the path's words."""
    redactor = Redactor(Pseudonymizer(b"k" * 32))
    redacted = redactor.redact_url("https://ipdata.example.org/geoip/v2.1/city/198.51.100.23")
    assert "198.51.100.23" not in redacted
    assert redacted.startswith("https://ipdata.example.org/geoip/v2.1/city/")
    url = "https://dl.example.org/releases/2.10.1.0/notes"
    assert redactor.redact_url(url) == url


def test_a_batch_of_addresses_is_no_product_usage(labeller: Labeller) -> None:
    found = _post(labeller, "https://ipdata.example.org/batch", ["198.51.100.23", "203.0.113.9"])
    assert NID in found
    assert USAGE not in found
    events = [{"event": "button_clicked", "properties": {"button": "share"}}]
    assert USAGE in _post(labeller, "https://collector.example.org/batch", events)


# -- device_info.os -------------------------------------------------------------------------------


def test_an_sdk_user_agent_header_naming_the_os_is_os(labeller: Labeller) -> None:
    headers = [("X-Acme-Wrapper", "acmegeo-Python/2.1.0 (Python 3.11.4; Linux-6.1.0-x86_64)")]
    assert OS in _get(labeller, "https://geo.example.net/v1/lookup?x=1", headers)


@pytest.mark.parametrize(
    "headers",
    [
        [("X-Acme-Client", "acmegeo/2.1.0")],
        [("X-Acme-Client", "acmegeo/2.1.0 (build 42)")],
        [("X-Acme-Platform", "acme-meet-captions"), ("X-Acme-PlatformVersion", "1.5.2")],
        [("MT-Platform", "captions-bridge"), ("MT-PlatformVersion", "3.0.1")],
    ],
)
def test_headers_naming_no_os_are_not_os(
    labeller: Labeller, headers: list[tuple[str, str]]
) -> None:
    assert OS not in _get(labeller, "https://mt.example.net/v1/jobs?x=1", headers)


def test_a_platform_header_naming_the_os_stays_os(labeller: Labeller) -> None:
    assert OS in _get(labeller, "https://api.example.net/v1/x", [("X-Acme-Platform", "linux/6.1")])
    headers = [("X-Acme-PlatformVersion", "iOS 17.2")]
    assert OS in _get(labeller, "https://api.example.net/v1/x", headers)


# -- device_info.locale ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://geo.example.net/geocode/v1/json?q=Alexanderplatz+1+Berlin&language=de&key=k1",
        "https://nav.example.net/directions/v5/acme/walking/13.40495,52.52008?language=fr",
        "https://w.example.net/v3/autosuggest?input=table.chair.lamp&language=en",
        "https://w.example.net/v3/convert-to-coordinates?words=table.chair.lamp&language=en",
    ],
)
def test_the_language_a_look_up_answers_in_is_no_locale(labeller: Labeller, url: str) -> None:
    assert LOCALE not in _get(labeller, url)


def _multipart(parts: list[tuple[str, str | None, str]]) -> str:
    lines: list[str] = []
    for name, filename, content in parts:
        lines.append("--b0undary15bo")
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        lines.append(f"Content-Disposition: {disposition}")
        if filename is not None:
            lines.append("Content-Type: application/octet-stream")
        lines.extend(["", content])
    lines.append("--b0undary15bo--")
    return "\r\n".join(lines) + "\r\n"


MULTIPART = [("Content-Type", "multipart/form-data; boundary=b0undary15bo")]


def test_the_language_of_an_uploaded_file_is_no_locale(labeller: Labeller) -> None:
    url = "https://l10n.example.com/v2/projects/upload"
    po = 'msgid "Save"\nmsgstr "Salvar"\n'
    body = _multipart([("id", None, "7731"), ("language", None, "pt-br"), ("file", "ui.po", po)])
    assert LOCALE not in categories(labeller, url, body, headers=MULTIPART)
    # the same language with no file beside it is the request's: locale (sdk10's convention)
    body = _multipart([("id", None, "7731"), ("language", None, "pt-br")])
    assert LOCALE in categories(labeller, url, body, headers=MULTIPART)


def test_a_trackers_and_a_profiles_language_stay_locale(labeller: Labeller) -> None:
    assert LOCALE in _get(labeller, "https://t.example.com/track/identify?cookie=c1&language=de-CH")
    body = {"user": {"language": "de-CH", "name": "x"}}
    assert LOCALE in _post(labeller, "https://geo.example.net/v1/places/profile", body, "PUT")


# -- identifiers.user_id ----------------------------------------------------------------------------


def test_the_person_reserving_is_a_user_id(labeller: Labeller) -> None:
    body = {"type": "hoteled", "reserver_id": 5821940}
    assert UID in _post(labeller, "https://desks.example.com/v1/seats/77/reservations", body)
    assert UID not in _post(
        labeller, "https://desks.example.com/v1/seats/77/reservations", {"reservation_id": 5821940}
    )
