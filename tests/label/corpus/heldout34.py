"""Build the thirty-fourth held-out set `heldout34.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl,
heldout*.jsonl.frozen, sdk*.jsonl, npm/, heldout*_npm/, sdk*_npm/, *_runs.py, generate.py, and
auditor/vendors/), recorded through the real proxy offline, from what a hybrid-meeting product's
location, room and travel side sends to the services it runs on: geocoding the in-person venue
and a participant's address, routing to the venue (Mapbox, OpenCage, what3words), IP geolocation
of the joining client (IPinfo, MaxMind), a geofence for check-in at the office with its location
context and travel distance (Radar), a desk booked and checked in (Robin) and travel booked for
the in-person meeting (Duffel).

Run: `.venv/bin/python tests/label/corpus/heldout34.py` (offline; `make setup`, then
`npm ci` in `heldout34_npm/` and `pip install -r heldout34-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout34_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout34_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout34.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
snapshot test) runs the labeller on it before its one scoring run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.label.corpus.generate import Expectation  # noqa: E402
from tests.label.corpus.heldout_recording import (  # noqa: E402
    COARSE,
    CRED,
    EMAIL,
    LOCALE,
    MEETING,
    NAME,
    NET_ID,
    OS,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout34.jsonl.frozen"

MAPBOX = "api.mapbox.com"
DUFFEL = "api.duffel.com"
OPENCAGE = "api.opencagedata.com"
W3W = "api.what3words.com"
IPINFO = "ipinfo.io"
MAXMIND = "geoip.maxmind.com"
RADAR = "api.radar.io"
ROBIN = "api.robinpowered.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "mapbox-node": {MAPBOX},
    "duffel-node": {DUFFEL},
    "opencage-py": {OPENCAGE},
    "what3words-py": {W3W},
    "ipinfo-py": {IPINFO},
    "maxmind-py": {MAXMIND},
    "radar-py": {RADAR},
    "robin-py": {ROBIN},
}

PRECISE = "location.precise"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout32.py (the README's "How the
# expectations were written" for each, generate.py's docstring) and docs/taxonomy.md's
# "Conventions"; the judgement calls new to this set are in the README's "Sources of heldout34".
MAPBOX_TOKEN = "access_token pk.… in the query (credential); User-Agent got earns nothing"
W3W_HEADERS = (
    "key in the query (credential); X-W3W-Wrapper 'what3words-Python/3.4.0 (Python 3.12.1; "
    "Linux-6.18…-x86_64-with-glibc2.36)' (a custom header naming the runtime version and the "
    "OS: os, as Stripe's client user agent; the platform string earns no hardware); "
    "User-Agent python-requests earns nothing"
)
DUFFEL_HEADERS = (
    "Authorization Bearer duffel_test_… (credential); Duffel-Version and User-Agent "
    "'Duffel/v2 duffel_api_javascript/4.29.1' name the SDK (nothing)"
)
RADAR_HEADERS = (
    "Authorization the project's key (credential); User-Agent 'radar-python/unknown (Python "
    "3.12.1)' earns nothing"
)
ROBIN_HEADERS = "Authorization 'Access-Token …' (credential); User-Agent python-requests"
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "mapbox-node",
        [
            Expectation(
                at(MAPBOX, "/geocoding/v5/mapbox.places/Praterstra"),
                [CRED, COARSE],
                "Mapbox",
                "forward geocoding: the venue's street address 'Praterstraße 38, 1020 Wien, "
                "Austria' as the query in the URL path (an address naming its city and country: "
                "coarse location, as a contact's postal address), country=at, types, limit; "
                + MAPBOX_TOKEN,
            ),
            Expectation(
                at(MAPBOX, "/geocoding/v5/mapbox.places/23.58552,46.76947"),
                [CRED, PRECISE],
                "Mapbox",
                "reverse geocoding: the position the participant's phone shared from home, "
                "'23.58552,46.76947' (longitude, latitude with five decimals) in the URL path "
                "(location.precise); types, limit; " + MAPBOX_TOKEN,
            ),
            Expectation(
                at(MAPBOX, "/directions/v5/mapbox/walking/"),
                [CRED, PRECISE, COARSE],
                "Mapbox",
                "walking directions: waypoints '16.37208,48.20849;16.38297,48.21581' in the URL "
                "path (her hotel and the venue, five decimals: location.precise), "
                "waypoint_names ';Acme Meet Vienna' (a place's label naming a city: coarse, as "
                "'Meetcorp Berlin, Room Spree'), geometries, language=en (the language of the "
                "instructions returned: a parameter of the request, no locale), steps; "
                + MAPBOX_TOKEN,
            ),
        ],
    ),
    (
        "duffel-node",
        [
            Expectation(
                at(DUFFEL, "/air/offer_requests"),
                [CRED, NAME, COARSE],
                "Duffel",
                "flight offer request (JSON under data): passengers [{type adult, given_name "
                "Teodora, family_name Vasilescu}] (her name), slices CLJ→VIE on 2027-01-19 and "
                "VIE→CLJ on 2027-01-21 (the traveller's itinerary by airport: coarse location, "
                "the call I am least sure of), cabin_class, max_connections; return_offers in "
                "the query; " + DUFFEL_HEADERS,
            ),
            Expectation(
                at(DUFFEL, "/air/orders"),
                [CRED, NAME, EMAIL, PHONE, MEETING, UID],
                "Duffel",
                "flight order: passengers [{id pas_… (the booking's passenger record: nothing), "
                "title, gender, given_name/family_name (name), born_on (a birth date: no "
                "category), email (an address under a describing key: e-mail), phone_number "
                "(phone)}], selected_offers and payments (nothing), metadata meeting_id and "
                "purpose 'In-person: <topic>' (meeting metadata), booked_by <corpus e-mail> "
                "(the person acting: user id and e-mail); " + DUFFEL_HEADERS,
            ),
            Expectation(
                at(DUFFEL, "/stays/search"),
                [CRED, PRECISE],
                "Duffel",
                "hotel search: location geographic_coordinates latitude 48.21581, longitude "
                "16.38297 (the venue, five decimals: location.precise), radius 1, check-in and "
                "check-out dates, rooms, guests [{type adult}]; " + DUFFEL_HEADERS,
            ),
        ],
    ),
    (
        "opencage-py",
        [
            Expectation(
                at(OPENCAGE, "/geocode/v1/json?q=Strada"),
                [CRED, COARSE],
                "OpenCage",
                "forward geocoding of the participant's home address: q 'Strada Memorandumului "
                "21, 400114 Cluj-Napoca, Romania' (a person's postal address naming city and "
                "country: coarse location), countrycode=ro (a country: coarse), language=en (the "
                "language results come back in: a parameter of the request, no locale), "
                "no_annotations; key in the query (credential); User-Agent "
                "'opencage-python/3.4.0 Python/3.12.1 …' earns nothing",
            ),
            Expectation(
                at(OPENCAGE, "/geocode/v1/json?q=46.7"),
                [CRED, PRECISE],
                "OpenCage",
                "reverse geocoding: q '46.76947,23.58552' (latitude and longitude with five "
                "decimals: location.precise), language, no_annotations; key in the query "
                "(credential); User-Agent earns nothing",
            ),
        ],
    ),
    (
        "what3words-py",
        [
            Expectation(
                at(W3W, "/v3/convert-to-3wa"),
                [CRED, PRECISE, OS],
                "what3words",
                "coordinates '48.21581,16.38297' of the venue's entrance (five decimals: "
                "location.precise), format, language=en (the language of the words returned: "
                "no locale); " + W3W_HEADERS,
            ),
            Expectation(
                at(W3W, "/v3/convert-to-coordinates"),
                [CRED, OS],
                "what3words",
                "words=lodge.hammer.piano (a what3words address typed for her drop-off point: "
                "no coordinates, city or country, so no location by the taxonomy's definitions, "
                "a call I am not sure of), format; " + W3W_HEADERS,
            ),
            Expectation(
                at(W3W, "/v3/autosuggest"),
                [CRED, PRECISE, COARSE, OS],
                "what3words",
                "autosuggest: input 'lodge.hammer.pian' (a mistyped what3words address: "
                "nothing), focus '48.20849,16.37208' (her hotel, five decimals: "
                "location.precise), clip-to-country=AT (a country under a country key: coarse), "
                "n-results, language; " + W3W_HEADERS,
            ),
        ],
    ),
    (
        "ipinfo-py",
        [
            Expectation(
                at(IPINFO, "/82.77.145.203", method="GET"),
                [CRED, NET_ID],
                "IPinfo",
                "IP look-up: the participant's client address 82.77.145.203 in the URL path "
                "(an IP address: network id); Authorization Bearer (credential); User-Agent "
                "IPinfoClient/Python3/5.6.0 earns nothing",
            ),
            Expectation(
                at(IPINFO, "/batch", method="POST"),
                [CRED, NET_ID],
                "IPinfo",
                "batch look-up: a JSON array of her two IP addresses (network id); "
                "Authorization Bearer (credential)",
            ),
        ],
    ),
    (
        "maxmind-py",
        [
            Expectation(
                at(MAXMIND, "/geoip/v2.1/city/"),
                [CRED, NET_ID],
                "MaxMind",
                "GeoIP2 City web service: the participant's IP address 82.77.145.203 in the "
                "URL path (network id); Authorization Basic '<account id>:<license key>' "
                "(credential); User-Agent GeoIP2-Python-Client/5.3.0 earns nothing",
            ),
            Expectation(
                at(MAXMIND, "/geoip/v2.1/insights/"),
                [CRED, NET_ID],
                "MaxMind",
                "GeoIP2 Insights web service: her hotel's IP address 91.115.42.178 in the URL "
                "path (network id); Authorization Basic (credential)",
            ),
        ],
    ),
    (
        "radar-py",
        [
            Expectation(
                at(RADAR, "/v1/geofences/office/"),
                [CRED, PRECISE, COARSE],
                "Radar Labs",
                "geofence upsert (form body, PUT): description 'Acme Meet Vienna, Praterstraße "
                "38' (a place's description naming a city: coarse), type circle, coordinates "
                "16.38297 and 48.21581 as two repeated keys (longitude and latitude, five "
                "decimals: location.precise), radius 60; tag and externalId in the path "
                "(nothing); " + RADAR_HEADERS,
            ),
            Expectation(
                at(RADAR, "/v1/context"),
                [CRED, PRECISE],
                "Radar Labs",
                "location context for check-in: coordinates '48.21563,16.38271' (where her "
                "phone is as she arrives, five decimals: location.precise); Authorization the "
                "publishable key (credential)",
            ),
            Expectation(
                at(RADAR, "/v1/route/distance"),
                [CRED, PRECISE],
                "Radar Labs",
                "travel distance: origin '48.20849,16.37208' and destination "
                "'48.21581,16.38297' (five decimals: location.precise), modes foot,car, units; "
                + RADAR_HEADERS,
            ),
        ],
    ),
    (
        "robin-py",
        [
            Expectation(
                at(ROBIN, "/v1.0/reservations/seats?", method="GET"),
                [CRED],
                "Robin Powered",
                "desk reservations listed: before/after times of her in-person day and "
                "seat_ids=531964 (a desk's id: nothing); " + ROBIN_HEADERS,
            ),
            Expectation(
                at(ROBIN, "/v1.0/seats/531964/reservations", method="POST"),
                [CRED, EMAIL, UID, LOCALE],
                "Robin Powered",
                "desk reservation: type hoteled, start/end date_time with time_zone "
                "Europe/Paris (a structured time zone: locale), reservee {email <guest "
                "e-mail>} (an address under a describing key: e-mail only), reserver_id "
                "4762093 (the person reserving: user id); seat id in the path (nothing); "
                + ROBIN_HEADERS,
            ),
            Expectation(
                at(ROBIN, "/v1.0/reservations/seats/", method="PUT"),
                [CRED, UID],
                "Robin Powered",
                "desk check-in (confirmation): user_id 4762093 (user id); the reservation's "
                "id in the path (nothing); " + ROBIN_HEADERS,
            ),
        ],
    ),
]


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    method = request["method"]
    if scenario == "mapbox-node":
        return "GET with an address or coordinates in the URL path, token in the query"
    if scenario in ("opencage-py", "what3words-py"):
        return "GET with coordinates or an address in query parameters, key in the query"
    if scenario in ("ipinfo-py", "maxmind-py") and method == "GET":
        return "GET with an IP address in the URL path"
    if scenario == "ipinfo-py":
        return "batch request (JSON array)"
    if scenario == "radar-py" and method == "PUT":
        return "form body with repeated keys"
    if method == "GET":
        return "GET with query parameters (coordinates, times), key in a header"
    return "JSON REST API calls"


HELDOUT = HeldoutSet(
    name="heldout34",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
