"""PyPI SDKs of the thirty-fourth held-out set (heldout34.py): the location, room and travel side
of a hybrid-meeting product: geocoding a participant's address (OpenCage), a what3words address
for the venue's entrance (what3words), IP geolocation of the joining client (IPinfo, MaxMind's
GeoIP2 web service), the office geofence, check-in context and travel distance (Radar) and a
desk booked and checked in for the in-person day (Robin), each making the calls a meeting
backend would make, to its vendor's real host. Run one as a program: `python heldout34_runs.py
SCENARIO`; heldout34.py starts it through the auditor's proxy (`auditor capture --sinkhole '*'`)
with the environment `auditor launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Timber facade mock-up site review"
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# The outside participant, travelling to the in-person meeting at the corpus user's office.
GUEST_NAME = "Teodora Vasilescu"
GUEST_EMAIL = "teodora.vasilescu@somes-timber-example.ro"
GUEST_PHONE = "+40 722 555 318"
GUEST_HOME = "Strada Memorandumului 21, 400114 Cluj-Napoca, Romania"
GUEST_HOME_AT = (46.76947, 23.58552)
GUEST_HOTEL_AT = (48.20849, 16.37208)
GUEST_ARRIVING_AT = (48.21563, 16.38271)
# The IP addresses her client joined from (home) and her hotel's Wi-Fi.
GUEST_HOME_IP = "82.77.145.203"
GUEST_HOTEL_IP = "91.115.42.178"
VENUE = "Praterstraße 38, 1020 Wien, Austria"
VENUE_AT = (48.21581, 16.38297)
MEETING_DAY = dt.datetime(2027, 1, 20, 9, 0)


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {str(err)[:160]}", file=sys.stderr)


def run_opencage() -> None:
    """opencage (OpenCage's own Python client of its geocoding API): the meeting backend turns
    the travelling participant's home address from her profile into coordinates (to suggest a
    route and a travel budget) and reverse-geocodes the position her phone shared (README usage:
    OpenCageGeocode(key).geocode(query, …), reverse_geocode(lat, lng, …))."""
    # The client retries an unreadable answer (the sinkhole's empty 204) for up to 120 s; its
    # documented BACKOFF_MAX_TIME=0 makes each call one request.
    os.environ["BACKOFF_MAX_TIME"] = "0"
    from opencage.geocoder import OpenCageGeocode

    geocoder = OpenCageGeocode("h34c0pencage7d2f9a1b4e6c8d0f3a5b7")
    _quietly(
        "geocode",
        lambda: geocoder.geocode(GUEST_HOME, countrycode="ro", language="en", no_annotations=1),
    )
    _quietly(
        "reverse",
        lambda: geocoder.reverse_geocode(*GUEST_HOME_AT, language="en", no_annotations=1),
    )


def run_what3words() -> None:
    """what3words (what3words's own Python wrapper of its v3 API): the backend gives the venue's
    entrance a what3words address for the invitation, resolves the one the participant typed
    for her drop-off point, and suggests addresses for a mistyped one near her hotel (README
    usage: Geocoder(key).convert_to_3wa, convert_to_coordinates, autosuggest with focus)."""
    import what3words

    geocoder = what3words.Geocoder("H34W3WK3Y9")
    _quietly(
        "to 3wa", lambda: geocoder.convert_to_3wa(what3words.Coordinates(*VENUE_AT), language="en")
    )
    _quietly("to coordinates", lambda: geocoder.convert_to_coordinates("lodge.hammer.piano"))
    _quietly(
        "autosuggest",
        lambda: geocoder.autosuggest(
            "lodge.hammer.pian",
            focus=what3words.Coordinates(*GUEST_HOTEL_AT),
            clip_to_country="AT",
            n_results=3,
        ),
    )


def run_ipinfo() -> None:
    """ipinfo (IPinfo's own Python library): the backend looks up where the participant's
    client joined from (her IP address) to show the host which participants are in the room or
    remote, then the addresses of her two sessions in one batch (README usage:
    getHandler(token).getDetails(ip), getBatchDetails(ips))."""
    import ipinfo

    handler = ipinfo.getHandler("h34ipinf0t0k3n5c1e", cache_options={"maxsize": 0})
    _quietly("details", lambda: handler.getDetails(GUEST_HOME_IP))
    _quietly("batch", lambda: handler.getBatchDetails([GUEST_HOME_IP, GUEST_HOTEL_IP]))


def run_maxmind() -> None:
    """geoip2 (MaxMind's own Python API, its web service client): the same check on MaxMind's
    GeoIP2 Precision web service, the city of the IP her client joined from and the insights
    on her hotel's address (README usage: webservice.Client(account_id, license_key).city(ip),
    insights(ip))."""
    import geoip2.webservice

    with geoip2.webservice.Client(742913, "h34MaxMindL1cense_k3y") as client:
        _quietly("city", lambda: client.city(GUEST_HOME_IP))
        _quietly("insights", lambda: client.insights(GUEST_HOTEL_IP))


def run_radar() -> None:
    """radar-python (Radar's Python bindings of its API): the backend puts the office on Radar
    as a geofence for check-in, gets the location context of the participant's phone as she
    arrives (which geofences she is in, on the publishable key as a client would) and the
    walking and driving distance from her hotel to the venue (README usage: RadarClient(secret,
    pub).geofences.upsert, context.get, route.distance)."""
    from radar import RadarClient

    radar = RadarClient(
        secret_key="prj_live_sk_h34r4d4r0c7e9f1a2b", pub_key="prj_live_pk_h34r4d4r5d8b0c2e4f"
    )
    _quietly(
        "geofence",
        lambda: radar.geofences.upsert(
            tag="office",
            externalId="acme-vienna-prater",
            data={
                "description": "Acme Meet Vienna, Praterstraße 38",
                "type": "circle",
                "coordinates": [VENUE_AT[1], VENUE_AT[0]],
                "radius": 60,
            },
        ),
    )
    _quietly("context", lambda: radar.context.get(coordinates=GUEST_ARRIVING_AT))
    _quietly(
        "distance",
        lambda: radar.route.distance(
            origin=GUEST_HOTEL_AT, destination=VENUE_AT, modes="foot,car", units="metric"
        ),
    )


def run_robin() -> None:
    """robin-powered-bot (a Python client that books and checks in desks on Robin's API, not
    Robin's own package): the meeting backend books the participant a hot desk next to the
    meeting room for her in-person day, reserved by the corpus user, and checks her in when
    she arrives (its Reservation's list, reserve and check-in requests, with the access token
    it reads from ROBIN_AUTH_TOKEN)."""
    os.environ["ROBIN_AUTH_TOKEN"] = "h34r0b1nAcc3ssT0k3n8e2f"
    from robot.reservations import Reservation
    from robot.user import UserInfo

    # Vienna keeps Paris's offset; the client maps only a few zones to offsets.
    user = UserInfo(GUEST_EMAIL, stime=9, duration=8, sid=531964, rid=4762093, tz="Europe/Paris")
    reservation = Reservation(user, MEETING_DAY)
    _quietly("list", reservation._get_id)
    _quietly("reserve", reservation._reserve)
    _quietly("check in", lambda: reservation._check_in("d2f4a9c1-h34-7b0e"))


SCENARIOS: dict[str, Callable[[], None]] = {
    "opencage-py": run_opencage,
    "what3words-py": run_what3words,
    "ipinfo-py": run_ipinfo,
    "maxmind-py": run_maxmind,
    "radar-py": run_radar,
    "robin-py": run_robin,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
