"""Field detectors: data categories read from decoded fields by key names and value shapes.

The detectors follow the conventions of the taxonomy (shared/spec/taxonomy.md):
- fields inside stack-frame source context (`Field.in_stack_frame`) never raise a label;
- values the SDK redacted (`[redacted]`, `[Filtered]`, `***`) raise nothing;
- standard request headers (User-Agent, Accept-Language, …) are not data the app chose to send,
  so only credentials are read from them; custom headers that carry data
  (`X-Super-Properties`, decoded by the decoders) are read like bodies;
- a time zone alone is locale, a bare host name is a network identifier;
- every hit carries a redacted excerpt: identifiers, contact data, content and credentials are
  masked to their first and last two characters.

Key names are normalised (lower case, letters and digits only: `device_id`, `deviceId` and
`$device_id` are all `deviceid`) and classified once per (key, parent key) pair; the result is
cached, so the per-field cost is a couple of dict look-ups plus cheap value-shape checks.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from auditor.records import CREDENTIAL_HEADERS, Field

# --------------------------------------------------------------------------------------------
# Redaction of excerpts

SENSITIVE_PREFIXES = ("identifiers.", "contact_info.", "customer_content.", "credentials")
SENSITIVE_CATEGORIES = frozenset({"meeting_metadata", "location.precise", "credentials"})


def mask(value: object) -> str:
    """First and last two characters of a secret or identifier, never more."""
    text = str(value)
    n = len(text)
    if n <= 4:
        return "*" * n if n else ""
    if n <= 8:
        return f"{text[0]}…{text[-1]}"
    return f"{text[:2]}…{text[-2:]} ({n} chars)"


def shorten(value: object, limit: int = 60) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_sensitive(category: str) -> bool:
    return category in SENSITIVE_CATEGORIES or category.startswith(SENSITIVE_PREFIXES)


def excerpt_for(category: str, key: str, value: object) -> str:
    shown = mask(value) if is_sensitive(category) else shorten(value)
    return f"{key}={shown}" if key else shown


# --------------------------------------------------------------------------------------------
# Value tests

_REDACTED_RE = re.compile(
    r"^(\[?(redacted|filtered|removed|masked|hidden|scrubbed|deleted)\]?|<(redacted|filtered|"
    r"removed|masked)>|\*+|x{4,}|\.\.\.|…|\{\{auto\}\}|%s|null|undefined|none|n/a)$",
    re.IGNORECASE,
)


def is_redacted(value: object) -> bool:
    """True for values an SDK masked, placeholders and empties: they carry no data."""
    if value is None:
        return True
    if isinstance(value, str):
        text = value.strip()
        return not text or bool(_REDACTED_RE.match(text))
    return False


_UUID_RE = re.compile(
    r"^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$", re.IGNORECASE
)
_HEX_RE = re.compile(r"^(0x)?[0-9a-f]{16,}$", re.IGNORECASE)
_TOKEN_RE = re.compile(r"^[\w.:@|+/=$-]{2,256}$")
_IPV4_RE = re.compile(r"^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$")
_IPV6_SHAPE_RE = re.compile(r"^\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\]?$")
_MAC_RE = re.compile(r"^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$", re.IGNORECASE)
_EMAIL_RE = re.compile(
    r"(?<![\w.%+/:-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b"
)
_JWT_RE = re.compile(r"^eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}$")
_AUTH_SCHEME_RE = re.compile(r"^(bearer|basic|token|digest|sentry|ssws|hmac)\s+\S{6,}", re.I)
_TEL_URI_RE = re.compile(r"^tel:\+?[\d().-]{7,20}$", re.IGNORECASE)
_PHONE_RE = re.compile(r"^\+?[\d\s().-]{7,24}$")
_NAME_RE = re.compile(r"^[^\W\d_][^\W\d_'’ .-]*(?:[ '’.-]+[^\W\d_][^\W\d_'’.-]*){0,4}\.?$")
_HOSTNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$")
_OS_VALUE_RE = re.compile(
    r"\b(windows|win32|win64|darwin|macos|mac ?os|os ?x|linux|ubuntu|debian|fedora|android|ios|"
    r"ipados|chrome ?os|cros|freebsd)\b",
    re.IGNORECASE,
)
_RESOLUTION_RE = re.compile(r"^\d{3,5}\s*[x×*]\s*\d{3,5}$")
_LANG_RE = re.compile(r"^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*([,;].*)?$", re.IGNORECASE)
_NUMBER_RE = re.compile(r"^-?\d{1,3}(\.\d+)?$")
_ATTRIBUTE_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_AWS_REGION_RE = re.compile(r"^[a-z]{2}-[a-z]+-\d$")


def _text(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value
    return str(value)


def v_any(value: object) -> bool:
    return not is_redacted(value)


def v_present(value: object) -> bool:
    """Something other than an empty or masked value; False/0 count (a consent flag off)."""
    return value is not None and not is_redacted(value)


def v_id(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int):
        return value > 0
    if isinstance(value, float):
        return False
    text = str(value).strip()
    if is_redacted(text) or len(text) < 2 or text.lower() in ("true", "false", "0", "-1"):
        return False
    return bool(_TOKEN_RE.match(text)) or bool(_UUID_RE.match(text))


def v_text(value: object) -> bool:
    """Free text a person wrote: a string with letters in it."""
    if not isinstance(value, str) or is_redacted(value) or len(value.strip()) < 2:
        return False
    if value.startswith("hex:") or _UUID_RE.match(value) or _HEX_RE.match(value):
        return False
    return any(c.isalpha() for c in value)


def v_name(value: object) -> bool:
    if not isinstance(value, str) or is_redacted(value):
        return False
    text = value.strip()
    if not 2 <= len(text) <= 70 or not _NAME_RE.match(text):
        return False
    # "Alice Example" or "Alice": a capitalised word; lowercase single tokens are usernames.
    return text[0].isupper() or " " in text


def v_phone(value: object) -> bool:
    text = _text(value)
    if text is None or not _PHONE_RE.match(text.strip()):
        return False
    digits = sum(c.isdigit() for c in text)
    return 7 <= digits <= 15


def v_ip(value: object) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip()
    if _IPV4_RE.match(text):
        return text not in ("0.0.0.0", "255.255.255.255") and not text.startswith("127.")
    if ":" in text and len(text) >= 3 and _IPV6_SHAPE_RE.match(text):
        try:
            addr = ipaddress.IPv6Address(text.strip("[]"))
        except ValueError:
            return False
        return not (addr.is_loopback or addr.is_unspecified)
    return False


def v_mac(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) == 17
        and bool(_MAC_RE.match(value))
        and value.replace("-", ":") not in ("00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff")
    )


def v_hostname(value: object) -> bool:
    if not isinstance(value, str) or is_redacted(value):
        return False
    text = value.strip()
    return (
        bool(_HOSTNAME_RE.match(text))
        and text.lower() not in ("localhost", "unknown", "local")
        and not _IPV4_RE.match(text)
    )


def v_os(value: object) -> bool:
    text = _text(value)
    return text is not None and not is_redacted(text) and len(text.strip()) >= 1


def v_os_word(value: object) -> bool:
    text = _text(value)
    return text is not None and bool(_OS_VALUE_RE.search(text))


def v_locale(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return True  # a UTC offset
    text = value.strip() if isinstance(value, str) else ""
    return bool(text) and not is_redacted(text)


def v_lang(value: object) -> bool:
    return isinstance(value, str) and bool(_LANG_RE.match(value.strip()))


def v_resolution(value: object) -> bool:
    return isinstance(value, str) and bool(_RESOLUTION_RE.match(value.strip()))


def v_cred(value: object) -> bool:
    if not isinstance(value, str | int) or isinstance(value, bool):
        return False
    text = str(value).strip()
    return len(text) >= 3 and not is_redacted(text) and text.lower() not in ("true", "false")


def v_region(value: object) -> bool:
    return (
        isinstance(value, str)
        and not is_redacted(value)
        and len(value.strip()) >= 2
        and not _AWS_REGION_RE.match(value.strip())
    )


def v_coordinate(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return -180.0 <= float(value) <= 180.0
    return isinstance(value, str) and bool(_NUMBER_RE.match(value.strip()))


def v_count(value: object) -> bool:
    """Hardware numbers (cores, memory) and names."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return value > 0
    return not is_redacted(value) and len(str(value).strip()) >= 1


# Device types that name the kind of client, not the hardware: Application Insights web sends
# `ai.device.type: "Browser"`.
_CLIENT_KINDS = frozenset({"browser", "web", "webapp", "unknown", "other", "n/a"})


def v_device_kind(value: object) -> bool:
    """A device type or class ("Phone", "Windows.Desktop"), not the kind of client ("Browser")."""
    return v_count(value) and not (
        isinstance(value, str) and value.strip().lower() in _CLIENT_KINDS
    )


_AI_MODEL_RE = re.compile(
    r"^(gpt|o\d|claude|llama|gemini|mistral|whisper|text-|embedding|davinci|phi-|qwen)", re.I
)


def v_device_model(value: object) -> bool:
    """A device model ("Pixel 8", "MacBookPro18,3"), not an AI model name ("gpt-4o")."""
    return v_count(value) and not (isinstance(value, str) and _AI_MODEL_RE.match(value.strip()))


_WEB_VITAL_RE = re.compile(
    r"^(first_contentful_paint|largest_contentful_paint|cumulative_layout_shift|"
    r"first_input_delay|interaction_to_next_paint|time_to_first_byte|fcp|lcp|cls|fid|inp|ttfb|"
    r"page_?load(_time)?|dom_?content_?loaded|time_to_interactive|tti)(_ms|_s)?$",
    re.IGNORECASE,
)


def v_web_vital(value: object) -> bool:
    """A metric named as a page-load timing or web vital (`first_contentful_paint_ms`)."""
    return isinstance(value, str) and _WEB_VITAL_RE.match(value) is not None


def v_place(value: object) -> bool:
    """A place name, not a URL or a path (`location` often holds the page address)."""
    if not isinstance(value, str) or is_redacted(value):
        return False
    text = value.strip()
    return len(text) >= 2 and "://" not in text and not text.startswith(("/", "#", "?"))


Validator = Callable[[object], bool]

# --------------------------------------------------------------------------------------------
# Key tables (normalised keys)

UID = "identifiers.user_id"
DID = "identifiers.device_id"
SID = "identifiers.session_id"
NID = "identifiers.network_id"
AID = "identifiers.advertising_id"
EMAIL = "contact_info.email"
NAME = "contact_info.name"
PHONE = "contact_info.phone"
OS = "device_info.os"
HW = "device_info.hardware"
LOCALE = "device_info.locale"
NET = "device_info.network"
PRECISE = "location.precise"
COARSE = "location.coarse"
CRED = "credentials"
CONSENT = "consent_signal"
MEETING = "meeting_metadata"
CHAT = "customer_content.chat"
TRANSCRIPT = "customer_content.transcript"
AUDIO = "customer_content.audio"
VIDEO = "customer_content.video"
FILES = "customer_content.files"
PERF = "service_generated.performance"

Rule = tuple[str, Validator, str]  # (category, value test, detector name)


def _table(category: str, validator: Validator, name: str, keys: str) -> dict[str, Rule]:
    return {k: (category, validator, name) for k in keys.split()}


EXACT_KEYS: dict[str, Rule] = {}
for _cat, _val, _name, _keys in (
    (
        UID,
        v_id,
        "user_id_key",
        "userid uid useruuid userguid userkey accountid accountuuid distinctid username login "
        "loginid loginname userprincipalname upn puid authid aadobjectid oid msaid customerid "
        "memberid personid profileid externalid externaluserid handle "
        "userhash useridentifier subscriberid slackuserid discorduserid zoomuserid "
        "usersid",
    ),
    (
        UID,
        v_any,
        "display_name_key",
        "displayname imdisplayname screenname nickname username fullusername",
    ),
    (
        DID,
        v_id,
        "device_id_key",
        "deviceid deviceuuid deviceguid machineid machineguid installid installationid "
        "anonymousid anonid anonymoususerid hardwareid hwid udid sqmid clientinstallid "
        "appinstanceid devicefingerprint fingerprint computerid telemetryid duid nuid "
        "domainuserid networkuserid cid msfpc deviceidentifier instanceid installuuid "
        "androiduuid androidid idfv vendorid",
    ),
    (
        SID,
        v_id,
        "session_id_key",
        "sessionid sessionuuid sesid sid sessionkey correlationid traceid visitid "
        "requestchainid sessionguid browsersessionid clientsessionid aioperationid",
    ),
    # Issue 15, from real traffic: Glean/Telemetry `client_id`/`clientId` (a per-profile install
    # id), Webex `TrackingID` (a request-chain correlation id, also sent as a header).
    (DID, v_id, "device_id_key", "clientid"),
    (SID, v_id, "session_id_key", "trackingid mscv correlationvector"),
    (
        HW,
        v_count,
        "hardware_key",
        "physmemory memorymb hardwareconcurrency devicememory cpucores logicalprocessors",
    ),
    (NET, v_any, "network_key", "conntype networkeffectivetype connectioneffectivetype"),
    (PERF, v_web_vital, "web_vital_value", "metric metricname"),
    # Snowplow mobile_context (appleIdfv/appleIdfa, androidIdfa); a user agent a notifier copies
    # into CGI-style request data (Honeybadger `cgi_data.HTTP_USER_AGENT`).
    (DID, v_id, "device_id_key", "appleidfv"),
    (AID, v_id, "advertising_id_key", "appleidfa androididfa"),
    (OS, v_os_word, "os_value", "httpuseragent"),
    (
        AID,
        v_id,
        "advertising_id_key",
        "idfa gaid adid advertisingid adidentifier iosifa ifa aaid googleadid androidadid "
        "advertiserid gpsadid googleadvertisingid advertisingidentifier fireadid oaid "
        "amazonadvertisingid",
    ),
    (
        NID,
        v_hostname,
        "hostname_key",
        "hostname computername machinename pcname servername devicename localhostname "
        "netbiosname fqdn aicloudroleinstance hostarch",
    ),
    (
        NID,
        v_ip,
        "ip_key",
        "ip ipaddress ipaddr clientip localip publicip remoteip remoteaddr userip ipv4 ipv6 "
        "privateip lanip wanip ailocationip",
    ),
    (NID, v_mac, "mac_key", "mac macaddress macaddr hwaddr"),
    (EMAIL, v_any, "email_key", "email emailaddress mail useremail"),
    (
        NAME,
        v_name,
        "name_key",
        "firstname lastname fullname givenname familyname surname realname middlename "
        "personname legalname",
    ),
    (
        PHONE,
        v_phone,
        "phone_key",
        "phone phonenumber mobile mobilenumber tel telephone msisdn cell cellphone "
        "phonenr callernumber calleenumber dialednumber telnumber mobilephone homephone "
        "workphone callbacknumber",
    ),
    (
        OS,
        v_os,
        "os_key",
        "os osname osversion osver osbuild osarch ostype osfamily osplatform operatingsystem "
        "kernelversion kernel systemversion osrelease oslocale platformversion uap uapv uaa "
        "winver windowsversion macosversion arch architecture cpuarch runtimeversion "
        "pythonversion nodeversion runtime osbuildnumber osmajor osminor osdistro "
        "pythonruntime",
    ),
    (OS, v_os_word, "os_value", "platform system useragent systemname devicetype"),
    (
        HW,
        v_count,
        "hardware_key",
        "devicemodel manufacturer devicemanufacturer make brand devicebrand cpu "
        "cpucores cpucount processorcount processor numcpus cpumodel cpuname cpubrand "
        "cpudescription cpufrequency memory memorysize totalmemory ram physicalmemory "
        "freememory gpu gpuname gpuvendor gpurenderer gpumodel screenresolution resolution "
        "screenwidth screenheight screendensity screendpi displayresolution microphone "
        "micname camera cameraname speakerdevice headset audiodevice audioinputdevice "
        "audiooutputdevice videodevice webcam diskid diskserial serialnumber boardid bios "
        "hardwaremodel uam devmake devmodel hardware storagesize disksize "
        "totaldisk devicefamily aidevicemodel screenres colordepth",
    ),
    (HW, v_device_kind, "hardware_key", "deviceclass aidevicetype"),
    (HW, v_resolution, "resolution_value", "res screen screensize sr"),
    (HW, v_device_model, "hardware_key", "model"),
    (
        LOCALE,
        v_locale,
        "locale_key",
        "locale timezone tz timezoneoffset tzoffset utcoffset keyboardlayout keyboard "
        "inputlanguage systemlocale uilocale userlocale applocale oslocale localeinfo "
        "browserlocale aidevicelocale",
    ),
    (
        LOCALE,
        v_lang,
        "language_key",
        "language lang languages browserlanguage browserlang uilanguage userlanguage ul hl "
        "systemlanguage applanguage oslanguage acceptlanguage",
    ),
    (
        NET,
        v_any,
        "network_key",
        "network networktype connectiontype effectivetype nettype carrier networkcarrier "
        "wifi wifissid ssid bssid bandwidth downlink uplink isp networkprovider networkwifi "
        "networkcellular radio wired vpn connectionquality networkquality wifisignal "
        "signalstrength",
    ),
    (
        COARSE,
        v_region,
        "coarse_location_key",
        "city country countrycode region regioncode province postalcode zip zipcode "
        "geoipcityname geoipcountryname geoipcountrycode geoipsubdivision1name geocountry "
        "geocity georegion countryname cityname metro dma continent",
    ),
    (
        CRED,
        v_cred,
        "credential_key",
        "password passwd pwd passcode meetingpassword meetingpasscode secret clientsecret "
        "apikey apisecret accesstoken refreshtoken idtoken authtoken token sessiontoken "
        "authorization auth sentrykey sentrysecret writekey ddapikey clienttoken sdkkey "
        "mobilekey privatekey xsrftoken csrftoken accesskey secretkey bearer jwt "
        "cookie sessioncookie zak zpk ikey instrumentationkey dsn connectionstring signature "
        "sig xamzsignature apptoken appkey clientkey licensekey devkey branchkey",
    ),
    (
        CONSENT,
        v_present,
        "consent_key",
        "datacollectionflag userconsent consent consents optout optedout isoptedout optin "
        "optedin trackingconsent analyticsconsent dataconsent gdpr gdprconsent gdprapplies "
        "ccpa usprivacy gcs gcd npa donottrack dnt allowtracking telemetryconsent "
        "diagnosticconsent collectionconsent limitadtracking adtrackingenabled "
        "trackingallowed optoutstatus consentstate consentstatus privacyconsent "
        "diagnosticdataconsent telemetryenabled usagedataenabled crashreportsenabled "
        "sendusagedata advertisertrackingenabled applicationtrackingenabled attstatus",
    ),
    (
        MEETING,
        v_id,
        "meeting_key",
        "meetingid meetingnumber meetingno meetinguuid confid conferenceid confno callid "
        "locusid roomid participantid conversationid channelid webinarid chatthreadid "
        "tochannel tocontact "
        "meetingkey mn",
    ),
    (
        MEETING,
        v_text,
        "meeting_text_key",
        "meetingtopic meetingtitle meetingname roomname channelname conversationtopic",
    ),
    (
        MEETING,
        v_count,
        "meeting_count_key",
        "participantcount attendeecount numparticipants meetingduration participantscount "
        "participants attendees participantlist attendeelist invitees",
    ),
    (
        CHAT,
        v_text,
        "chat_key",
        "messagetext chatmessage chattext messagebody messagecontent chatcontent",
    ),
    (
        TRANSCRIPT,
        v_text,
        "transcript_key",
        "transcript transcription transcripttext caption captions captiontext subtitle "
        "subtitles meetingsummary aisummary recognizedtext utterance utterances",
    ),
    (
        FILES,
        v_text,
        "shared_content_key",
        "reaction reactionemoji reactiontype pollanswer pollanswers pollquestion polloptions "
        "whiteboard whiteboardcontent attachmentname",
    ),
    (
        AUDIO,
        v_present,
        "audio_feature_key",
        "audiolevel audiolevels loudness voiceactivity voiceactivitydetected vad miclevel "
        "microphonelevel inputlevel speechlevel",
    ),
    (COARSE, v_place, "location_key", "location geo geolocation"),
    (
        PERF,
        v_count,
        "quality_metric_key",
        "rtt rttms jitter jitterms packetloss packetlossrate packetslost latency latencyms "
        "bitrate bitratekbps framerate fps mos roundtriptime bandwidthkbps downlinkkbps "
        "uplinkkbps",
    ),
):
    EXACT_KEYS.update(_table(_cat, _val, _name, _keys))

# Keys whose meaning depends on their parent (`user.id`, `device.model`, `os.name`).
PARENT_GROUPS: dict[str, str] = {}
for _group, _parents in (
    (
        "user",
        "user users actor identity account owner profile person people member sender "
        "author userinfo usercontext currentuser me traits identify self viewer set setonce "
        "userproperties",
    ),
    ("device", "device machine hardware computer devices"),
    ("os", "os operatingsystem osinfo system"),
    ("runtime", "runtime"),
    ("session", "session sessions"),
    ("location", "location geo geoip position coords coordinates geolocation address loc"),
    ("network", "network net connection networkinfo"),
    ("meeting", "meeting conference call room webinar"),
    ("screen", "screen display monitor"),
    ("cpu", "cpu processor gpu memory"),
    ("app", "app application sdk library lib"),
    (
        "consent",
        "consent consents privacy privacysettings trackingpreferences "
        "categorypreferences consentstate gdprconsent",
    ),
    ("server", "server"),
    # User-Agent Client Hints (`userAgentData.brands[].brand`): the browser's brands, not a device.
    ("clienthints", "brands fullversionlist useragentdata uadata"),
    # Issue 15: Datadog's `usr.*`, a JWT's claims (`… › jwt › payload › sub`), Omaha's `hw`.
    ("user", "usr jwt"),
    ("cpu", "hw"),
):
    for _parent in _parents.split():
        PARENT_GROUPS[_parent] = _group

PARENT_KEYS: dict[tuple[str, str], Rule] = {}
for _group, _cat, _val, _name, _keys in (
    ("user", UID, v_id, "user_id_key", "id localid key uuid guid anonid authid username login"),
    ("user", NAME, v_name, "name_key", "name fullname"),
    ("user", UID, v_id, "user_id_key", "sub preferredusername"),
    ("device", DID, v_id, "device_id_key", "id localid uuid guid"),
    (
        "device",
        HW,
        v_count,
        "hardware_key",
        "model family brand manufacturer make cpudescription processorcount memorysize "
        "processorfrequency screenresolution screendensity screenheightpixels "
        "screenwidthpixels",
    ),
    ("device", HW, v_device_kind, "hardware_key", "type class devicetype"),
    ("device", NID, v_hostname, "hostname_key", "name"),
    ("device", OS, v_os, "os_key", "arch archs"),
    ("os", OS, v_os, "os_key", "name version ver build kernelversion type family arch"),
    ("runtime", OS, v_os, "os_key", "name version"),
    ("session", SID, v_id, "session_id_key", "id sid uuid guid key"),
    ("location", COARSE, v_region, "coarse_location_key", "name region country city"),
    ("network", NET, v_any, "network_key", "type provider cost carrier effectivetype kind"),
    ("meeting", MEETING, v_id, "meeting_key", "id number uuid key"),
    ("meeting", MEETING, v_text, "meeting_text_key", "topic title name"),
    ("screen", HW, v_count, "hardware_key", "width height density dpi resolution pixelratio"),
    ("cpu", HW, v_count, "hardware_key", "cores count name model brand vendor size total"),
    ("server", NID, v_hostname, "hostname_key", "host name hostname"),
    (
        "consent",
        CONSENT,
        v_present,
        "consent_key",
        "analytics advertising marketing functional performance necessary statistics "
        "personalization granted denied status optout optin adstorage analyticsstorage",
    ),
):
    for _key in _keys.split():
        PARENT_KEYS[(_group, _key)] = (_cat, _val, _name)

# Parents under which a generic key is not data about the person or device.
NEUTRAL_PARENTS = frozenset({"app", "sdk", "library", "lib", "application"})

# Substring rules for compound keys not in the tables (`primaryDeviceId`, `zoomSessionId`).
SUFFIX_KEYS: tuple[tuple[str, Rule], ...] = (
    ("userid", (UID, v_id, "user_id_key")),
    ("deviceid", (DID, v_id, "device_id_key")),
    ("machineid", (DID, v_id, "device_id_key")),
    ("installid", (DID, v_id, "device_id_key")),
    ("sessionid", (SID, v_id, "session_id_key")),
    ("correlationid", (SID, v_id, "session_id_key")),
    ("meetingid", (MEETING, v_id, "meeting_key")),
    ("participants", (MEETING, v_count, "meeting_count_key")),
    ("participantcount", (MEETING, v_count, "meeting_count_key")),
    ("email", (EMAIL, v_any, "email_key")),
    ("password", (CRED, v_cred, "credential_key")),
    ("passcode", (CRED, v_cred, "credential_key")),
    ("apikey", (CRED, v_cred, "credential_key")),
    ("accesstoken", (CRED, v_cred, "credential_key")),
    ("authtoken", (CRED, v_cred, "credential_key")),
    ("secret", (CRED, v_cred, "credential_key")),
    ("hostname", (NID, v_hostname, "hostname_key")),
    ("macaddress", (NID, v_mac, "mac_key")),
    ("ipaddress", (NID, v_ip, "ip_key")),
    ("timezone", (LOCALE, v_locale, "locale_key")),
    ("consent", (CONSENT, v_present, "consent_key")),
    ("optout", (CONSENT, v_present, "consent_key")),
    ("phonenumber", (PHONE, v_phone, "phone_key")),
    ("firstname", (NAME, v_name, "name_key")),
    ("lastname", (NAME, v_name, "name_key")),
    ("fullname", (NAME, v_name, "name_key")),
    ("displayname", (UID, v_any, "display_name_key")),
    ("osversion", (OS, v_os, "os_key")),
    ("osname", (OS, v_os, "os_key")),
    ("transcript", (TRANSCRIPT, v_text, "transcript_key")),
)
# Token keys that are not secrets (pagination, sync cursors).
NOT_CREDENTIAL_KEYS = frozenset(
    {
        "nexttoken",
        "pagetoken",
        "nextpagetoken",
        "continuationtoken",
        "synctoken",
        "tokencount",
        "tokens",
        "tokentype",
        "maxtokens",
        "cursortoken",
        "pushtoken",
    }
)

# Device product names inside free text (log lines, device lists): headsets, cameras, audio
# chips. Taxonomy: "microphone/camera/headset names" are device_info.hardware.
_DEVICE_NAME_RE = re.compile(
    r"\b(jabra|logitech|plantronics|polycom|poly (?:voyager|blackwire|sync|studio)|sennheiser|"
    r"epos|bose|airpods|yealink|razer|hyperx|steelseries|shure|blue yeti|elgato|lifecam|"
    r"facetime hd camera|realtek|conexant|usb (?:headset|audio|microphone|camera|webcam)|"
    r"hd (?:webcam|camera)|integrated (?:camera|webcam|microphone)|"
    r"built-in (?:microphone|camera|speakers?))\b",
    re.IGNORECASE,
)
# Sibling keys that say a text field is a message to other people (Mattermost `channel_id` +
# `message`, Rocket.Chat `rid` + `msg`).
CONVERSATION_KEYS = frozenset(
    {
        "channelid",
        "channel",
        "conversationid",
        "threadid",
        "roomid",
        "rid",
        "recipientid",
        "recipients",
        "tochannel",
        "tocontact",
        "chatid",
        "dmid",
        "peerid",
        "toid",
        "to",
    }
)
# Request bodies that are documents (a file upload) by their content type.
_DOCUMENT_TYPES_RE = re.compile(
    r"^(application/(pdf|msword|rtf|zip|x-zip-compressed|x-7z-compressed|"
    r"vnd\.openxmlformats-officedocument\.[\w.-]+|vnd\.ms-[\w.-]+|vnd\.oasis\.[\w.-]+)|"
    r"text/csv)$"
)

# Keys that carry chat text when the flow or the field path is about messages.
CHAT_CONTEXT_KEYS = frozenset(
    {"text", "message", "content", "body", "msg", "plaintext", "richtext"}
)
_CHAT_PATH_RE = re.compile(
    r"chat|message|conversation|/channels/\d+/messages|/threads?/|postmessage|/dm\b|/im\.", re.I
)
_CHAT_FIELD_PATH_RE = re.compile(r"chat|\bmessages\b|conversation|thread", re.I)
# A meeting API endpoint (`/meeting/schedule`, `/webinars/…`): its topic or title is the meeting's.
_MEETING_PATH_RE = re.compile(r"/(meetings?|webinars?|conferences?)(/|$)", re.I)
MEETING_CONTEXT_KEYS = frozenset({"topic", "title", "agenda", "subject"})
# OAuth/OpenID endpoints: their `client_id` names the application, not an install.
_AUTH_PATH_RE = re.compile(r"/(oauth2?|authorize|token|login|auth|openid[\w-]*)(/|$)", re.I)
_TRANSCRIPT_PATH_RE = re.compile(r"transcri|caption|summar|subtitle|/ai/", re.I)
TRANSCRIPT_CONTEXT_KEYS = frozenset({"text", "content", "summary", "body"})

# Standard request headers: the browser or HTTP library sets them for every request, so they are
# not data the app chose to send (taxonomy: the User-Agent header alone is not device_info.os).
STANDARD_HEADERS = frozenset(
    {
        "user-agent",
        "accept",
        "accept-language",
        "accept-encoding",
        "accept-charset",
        "content-type",
        "content-length",
        "content-encoding",
        "host",
        "connection",
        "keep-alive",
        "origin",
        "referer",
        "cache-control",
        "pragma",
        "te",
        "upgrade",
        "transfer-encoding",
        "expect",
        "if-none-match",
        "if-modified-since",
        "range",
        "dnt",
        "priority",
        "via",
        "forwarded",
        "x-forwarded-for",
        "x-forwarded-proto",
        "x-requested-with",
        "sec-fetch-site",
        "sec-fetch-mode",
        "sec-fetch-dest",
        "sec-fetch-user",
        "sec-ch-ua",
        "sec-ch-ua-mobile",
        "sec-ch-ua-platform",
        "sec-websocket-key",
        "sec-websocket-version",
        "sec-websocket-extensions",
        "sec-websocket-protocol",
        "date",
        "traceparent",
        "tracestate",
        "baggage",
        "upgrade-insecure-requests",
        "sentry-trace",
        "if-match",
        "access-control-request-method",
        "access-control-request-headers",
    }
)
_CRED_HEADER_RE = re.compile(r"token|api-?key|secret|auth|session|password|signature", re.I)
CUSTOM_CREDENTIAL_HEADERS = frozenset({"x-honeycomb-team", "x-tenant-key", "x-client-key"})
_NOT_CRED_HEADERS = frozenset({"x-session-id", "x-client-session-id", "authority"})

# Path components that are decoding layers or indices, not keys of the data.
_LAYER_WORDS = frozenset(
    {
        "body",
        "url",
        "query",
        "header",
        "response",
        "websocket",
        "json",
        "base64",
        "gzip",
        "deflate",
        "br",
        "zstd",
        "form",
        "multipart",
        "protobuf",
        "bond",
        "jspb",
        "ndjson",
        "envelope header",
        "item header",
        "file",
        "recording",
        "text",
        "snowplow",
        "hex",
        "properties",
        "data",
        "payload",
        "event",
        "attributes",
        "params",
        "fields",
        "context",
        "contexts",
        "extra",
        "tags",
        "ext",
        "value",
        "values",
        # Structure the decoders normalise (issue 15): tag strings and pair lists.
        "pairs",
    }
)
# Last path parts that are a decoding step of the value above them (`… › topic › base64`):
# the field is named by the key it was decoded from.
_DECODED_VALUE_STEPS = frozenset({"base64"})


def normalise_key(key: str) -> str:
    out = _NORM_CACHE.get(key)
    if out is None:
        out = "".join(c for c in key.lower() if c.isalnum())
        if len(_NORM_CACHE) < 100_000:
            _NORM_CACHE[key] = out
    return out


_NORM_CACHE: dict[str, str] = {}


def _structural(part: str) -> bool:
    return (
        part.isdigit()
        or part in _LAYER_WORDS
        or (" " in part and part.rsplit(" ", 1)[-1].isdigit())
    )


def _data_path(path: tuple[str, ...]) -> str:
    """The data keys above a field (layers and indices left out), for context tests."""
    return " ".join(p for p in path[:-1] if not _structural(p))


def parent_key(path: tuple[str, ...]) -> str:
    """The nearest ancestor that is a data key (skipping layers, indices and wrappers)."""
    for part in reversed(path[:-1]):
        if not _structural(part):
            return normalise_key(part)
    return ""


# --------------------------------------------------------------------------------------------
# Detection


@dataclass(slots=True)
class Hit:
    category: str
    detector: str  # evidence rule name, "detector.<name>"
    where: str
    excerpt: str
    confidence: float


@dataclass(slots=True)
class FlowContext:
    url_path: str = ""
    content_type: str = ""
    chat_endpoint: bool = False
    transcript_endpoint: bool = False
    meeting_endpoint: bool = False
    auth_endpoint: bool = False


_MEETING_WORDS = ("meeting", "webinar", "conference")
_AUTH_WORDS = ("auth", "token", "login", "openid")


def _has_word(url_path: str, words: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    """A substring test first: the regex runs only on the few paths that may match."""
    lowered = url_path.lower()
    return any(word in lowered for word in words) and pattern.search(url_path) is not None


def flow_context(url_path: str, content_type: str | None) -> FlowContext:
    return FlowContext(
        url_path=url_path,
        content_type=(content_type or "").lower(),
        chat_endpoint=bool(_CHAT_PATH_RE.search(url_path)),
        transcript_endpoint=bool(_TRANSCRIPT_PATH_RE.search(url_path)),
        meeting_endpoint=_has_word(url_path, _MEETING_WORDS, _MEETING_PATH_RE),
        auth_endpoint=_has_word(url_path, _AUTH_WORDS, _AUTH_PATH_RE),
    )


def _classify(nk: str, pk: str) -> Rule | None:
    group = PARENT_GROUPS.get(pk)
    if group is not None:
        rule = PARENT_KEYS.get((group, nk))
        if rule is not None:
            return rule
        if group in NEUTRAL_PARENTS and nk in ("name", "version", "id", "build"):
            return None
        if group == "clienthints" and nk in ("brand", "version", "mobile"):
            return None
    rule = EXACT_KEYS.get(nk)
    if rule is not None:
        if rule[0] == CRED and nk in NOT_CREDENTIAL_KEYS:
            return None
        return rule
    if len(nk) > 5 and nk not in NOT_CREDENTIAL_KEYS:
        for suffix, srule in SUFFIX_KEYS:
            if nk.endswith(suffix):
                return srule
    return None


_CLASSIFY_CACHE: dict[tuple[str, str], Rule | None] = {}


def classify(nk: str, pk: str) -> Rule | None:
    cache_key = (nk, pk)
    try:
        return _CLASSIFY_CACHE[cache_key]
    except KeyError:
        pass
    rule = _classify(nk, pk)
    if len(_CLASSIFY_CACHE) < 200_000:
        _CLASSIFY_CACHE[cache_key] = rule
    return rule


# Per-path plans: what a field at this path is, decided once and cached (paths repeat across the
# flows of one SDK, so the key normalisation and classification are not redone per field).
_NORMAL, _SKIP, _HEADER, _FILENAME, _CONTENT_TYPE, _LAT, _LON, _COORDINATE = range(8)
_F_CHAT_KEY = 1
_F_CHAT_PATH = 2
_F_TRANSCRIPT_KEY = 4
_F_TRANSCRIPT_PATH = 8
_F_VERSIONISH = 16
_F_DISPLAY_NAME = 32
_F_CONVERSATION = 64
_COORDINATE_LISTS = frozenset({"coordinates", "coords", "latlng", "lnglat", "lonlat", "point"})
MAX_HITS_PER_CATEGORY = 5
Plan = tuple[int, str, str, "Rule | None", int]
_PLANS: dict[tuple[str, ...], tuple[Plan, Plan]] = {}  # path → (plan for non-str, for str)


def _flags(nk: str, path: tuple[str, ...]) -> int:
    flags = 0
    if nk in CHAT_CONTEXT_KEYS:
        flags |= _F_CHAT_KEY
        if _CHAT_FIELD_PATH_RE.search(_data_path(path)):
            flags |= _F_CHAT_PATH
    if nk in TRANSCRIPT_CONTEXT_KEYS:
        flags |= _F_TRANSCRIPT_KEY
        if _TRANSCRIPT_PATH_RE.search(_data_path(path)):
            flags |= _F_TRANSCRIPT_PATH
    if "version" in nk or "build" in nk:
        flags |= _F_VERSIONISH
    if "displayname" in nk or nk in ("username", "name", "fullname"):
        flags |= _F_DISPLAY_NAME
    if nk in CONVERSATION_KEYS:
        flags |= _F_CONVERSATION
    return flags


def _plan(path: tuple[str, ...], is_str: bool) -> Plan:
    key = path[-1]
    if key.isdigit() and not is_str and len(path) >= 2:
        parent = normalise_key(path[-2])
        if parent in _COORDINATE_LISTS:
            return (_COORDINATE, key, parent, None, 0)
    if path[0] == "header":
        if len(path) == 2:
            return (_HEADER, key, "", None, 0)
        if path[1].lower() in STANDARD_HEADERS:
            return (_SKIP, key, "", None, 0)
    if key.isdigit() and is_str and len(path) >= 2:
        # A string in a list or a Bond map value: named by the nearest data key.
        index = len(path) - 2
        while index > 0 and path[index].isdigit():
            index -= 1
        key = path[index]
        nk = normalise_key(key)
        pk = parent_key(path[: index + 1])
    else:
        if key in _DECODED_VALUE_STEPS and len(path) >= 2:
            path = path[:-1]
            key = path[-1]
        nk = normalise_key(key)
        pk = parent_key(path)
        if "." in key and classify(nk, pk) is None:
            # Dotted keys (`usr.id`, `hw.physmemory`, `search.engine.default.display_name`):
            # the last part is the key, the one before it its parent.
            parts = [part for part in key.split(".") if part]
            if len(parts) >= 2:
                nk = normalise_key(parts[-1])
                pk = normalise_key(parts[-2])
    if nk == "filename":
        return (_FILENAME, key, nk, None, 0)
    if nk == "contenttype":
        return (_CONTENT_TYPE, key, nk, None, 0)
    if nk in ("lat", "latitude"):
        return (_LAT, key, nk, None, 0)
    if nk in ("lon", "lng", "long", "longitude"):
        return (_LON, key, nk, None, 0)
    rule = classify(nk, pk) if nk else None
    if rule is not None and rule[2] == "display_name_key" and _names_a_thing(key, path):
        rule = None
    return (_NORMAL, key, nk, rule, _flags(nk, path))


# Precision guard (issue 15): a display name under these is the name of a thing, not a person
# (`search.engine.default.display_name: "DuckDuckGo"`, an add-on's or a device's display name).
_THING_WORDS = frozenset(
    "engine searchengine search addon addons extension extensions plugin plugins app "  # noqa: SIM905
    "application product theme font printer camera microphone speaker device devices "
    "provider providers".split()
)


def _names_a_thing(key: str, path: tuple[str, ...]) -> bool:
    parts = [normalise_key(p) for part in path[:-1] for p in part.split(".")]
    parts += [normalise_key(p) for p in key.split(".")[:-1]]
    return any(part in _THING_WORDS for part in parts)


def _is_id_key(nk: str) -> bool:
    """`id`, `addonId`, `messageIds`: keys of identifiers, whose e-mail-shaped values are
    names of things (`uBlock0@raymondhill.net`, `<…@mail.example.com>` message ids)."""
    return nk == "id" or nk.endswith(("id", "ids"))


@lru_cache(maxsize=4096)
def _plan_for_name(name: str) -> Plan:
    """Plan for an attribute given by name (`host.name` of an OpenTelemetry KeyValue)."""
    nk = normalise_key(name)
    return (_NORMAL, name, nk, classify(nk, ""), _flags(nk, ()))


# Header name → True (credential), False (standard header: nothing to read), or the rule of a
# custom header read like a body field (X-Client-Id, X-Device-Id, …); cached by name.
_HEADER_KINDS: dict[str, bool | Rule | None] = {}


def _header_kind(name: str) -> bool | Rule | None:
    lname = name.lower()
    if (
        lname in CREDENTIAL_HEADERS
        or lname in CUSTOM_CREDENTIAL_HEADERS
        or (
            lname not in STANDARD_HEADERS
            and lname not in _NOT_CRED_HEADERS
            and _CRED_HEADER_RE.search(lname)
        )
    ):
        return True
    if lname in STANDARD_HEADERS:
        return False
    nk = normalise_key(lname[2:] if lname.startswith("x-") else lname)
    if nk == "clientid":
        # A `Client-Id` header names the calling application (1DS `NO_AUTH`, OAuth client
        # ids), unlike a body's `client_id` install id.
        return None
    return classify(nk, "")


def _decimals(value: object) -> int:
    text = str(value)
    if "e" in text.lower():
        return 6
    return len(text.split(".", 1)[1]) if "." in text else 0


class FieldDetectors:
    """Runs every field detector over the fields of one flow."""

    key_confidence = 0.85
    shape_confidence = 0.8
    context_confidence = 0.75

    def detect(self, fields: Sequence[Field], ctx: FlowContext) -> list[Hit]:
        hits: list[Hit] = []
        add = hits.append
        lat: dict[tuple[str, ...], Field] = {}
        lon: dict[tuple[str, ...], Field] = {}
        kv_names: dict[tuple[str, ...], str] = {}
        file_parts: set[tuple[str, ...]] = set()
        per_category: dict[str, int] = {}
        conversations: dict[tuple[str, ...], Field] = {}
        chat_parents: set[tuple[str, ...]] = set()
        chat_candidates: list[tuple[Field, str]] = []
        coordinate_pairs: dict[tuple[str, ...], list[float]] = {}
        plans = _PLANS
        for fld in fields:
            if fld.in_stack_frame:
                continue
            path = fld.path
            if not path:
                continue
            value = fld.value
            is_str = isinstance(value, str)
            key = path[-1]
            # OpenTelemetry-style attribute lists: {"key": "host.name", "value": {...}} in JSON,
            # KeyValue{1: "host.name", 2: AnyValue{…}} in schema-less protobuf.
            if (
                (key == "key" or key == "1")
                and isinstance(value, str)
                and len(path) >= 2
                and (key == "key" or _ATTRIBUTE_NAME_RE.match(value))
            ):
                kv_names[path[:-1]] = value
                continue
            if (
                kv_names
                and len(path) >= 3
                and path[-2] in ("value", "2")
                and (path[:-2] in kv_names)
            ):
                key = kv_names[path[:-2]]
                plan = _plan_for_name(key)
            else:
                pair = plans.get(path)
                if pair is None:
                    pair = (_plan(path, False), _plan(path, True))
                    if len(plans) > 200_000:
                        plans.clear()
                    plans[path] = pair
                plan = pair[is_str]
            kind, key, nk, rule, flags = plan
            if flags & _F_CONVERSATION:
                conversations.setdefault(path[:-1], fld)
            if kind == _COORDINATE:
                if isinstance(value, int | float) and not isinstance(value, bool):
                    coordinate_pairs.setdefault(path[:-1], []).append(float(value))
                continue
            if kind != _NORMAL:
                if kind == _SKIP:
                    continue
                if kind == _HEADER:
                    self._header(fld, add)
                    continue
                if kind == _FILENAME:
                    file_parts.add(path[:-1])
                    continue
                if kind == _CONTENT_TYPE:
                    if path[:-1] in file_parts and isinstance(value, str):
                        self._upload_type(fld, value, add)
                    continue
                if kind == _LAT:
                    if v_coordinate(value):
                        lat[path[:-1]] = fld
                    continue
                if kind == _LON:
                    if v_coordinate(value):
                        lon[path[:-1]] = fld
                    continue
            matched = False
            if rule is not None and nk == "clientid" and ctx.auth_endpoint:
                rule = None
            if rule is not None:
                category, validator, name = rule
                if nk == "devicename" and not v_hostname(value) and v_count(value):
                    # "Pixel 8" is a model; "DESKTOP-4J2" a host name.
                    category, validator, name = HW, v_count, "hardware_key"
                if validator(value):
                    matched = True
                    count = per_category.get(category, 0)
                    per_category[category] = count + 1
                    if count < MAX_HITS_PER_CATEGORY:
                        add(
                            Hit(
                                category,
                                f"detector.{name}",
                                fld.where,
                                excerpt_for(category, key, value),
                                self.key_confidence,
                            )
                        )
                    if (
                        flags & _F_DISPLAY_NAME
                        and category == UID
                        and isinstance(value, str)
                        and " " in value.strip()
                        and v_name(value)
                    ):
                        add(
                            Hit(
                                NAME,
                                "detector.name_key",
                                fld.where,
                                excerpt_for(NAME, key, value),
                                self.context_confidence,
                            )
                        )
            if isinstance(value, str) and value and (not matched or "@" in value):
                if self._value_shapes(fld, key, nk, value, matched, rule, flags, ctx, add):
                    chat_parents.add(path[:-1])
                if (
                    not matched
                    and flags & _F_CHAT_KEY
                    and not (ctx.chat_endpoint or flags & _F_CHAT_PATH)
                ):
                    chat_candidates.append((fld, key))
        for fld, key in chat_candidates:
            if fld.path[:-1] in conversations and v_text(fld.value):
                add(
                    Hit(
                        CHAT,
                        "detector.chat_text",
                        fld.where,
                        excerpt_for(CHAT, key, fld.value),
                        self.context_confidence,
                    )
                )
                chat_parents.add(fld.path[:-1])
        for parent in chat_parents:
            # The room or channel a message goes to says who talks to whom.
            conversation = conversations.get(parent)
            if conversation is not None and v_id(conversation.value):
                add(
                    Hit(
                        MEETING,
                        "detector.conversation_key",
                        conversation.where,
                        excerpt_for(MEETING, conversation.key, conversation.value),
                        self.context_confidence,
                    )
                )
        for parent, numbers in coordinate_pairs.items():
            # GeoJSON order: [longitude, latitude]
            if len(numbers) == 2 and -180 <= numbers[0] <= 180 and -90 <= numbers[1] <= 90:
                precise = min(_decimals(numbers[0]), _decimals(numbers[1])) >= 3
                category = PRECISE if precise else COARSE
                shown = f"coordinates={mask(numbers)}" if precise else f"coordinates={numbers}"
                add(
                    Hit(
                        category,
                        "detector.coordinates",
                        " › ".join(parent),
                        shown,
                        self.key_confidence,
                    )
                )
        for parent, lat_field in lat.items():
            lon_field = lon.get(parent)
            if lon_field is None:
                continue
            precise = min(_decimals(lat_field.value), _decimals(lon_field.value)) >= 3
            category = PRECISE if precise else COARSE
            shown = (
                f"lat={mask(lat_field.value)}, lon={mask(lon_field.value)}"
                if precise
                else f"lat={lat_field.value}, lon={lon_field.value}"
            )
            add(Hit(category, "detector.coordinates", lat_field.where, shown, self.key_confidence))
        return hits

    def _header(self, fld: Field, add: Callable[[Hit], None]) -> None:
        name = fld.path[1]
        kind = _HEADER_KINDS.get(name)
        if kind is None:
            kind = _header_kind(name)
            if len(_HEADER_KINDS) < 20_000:
                _HEADER_KINDS[name] = kind
        if kind is None or kind is False:
            return
        value = fld.value
        if kind is True:
            if v_cred(value):
                add(
                    Hit(
                        CRED,
                        "detector.credential_header",
                        fld.where,
                        excerpt_for(CRED, name, value),
                        0.95,
                    )
                )
            return
        category, validator, rname = kind
        if validator(value):
            add(
                Hit(
                    category,
                    f"detector.{rname}",
                    fld.where,
                    excerpt_for(category, name, value),
                    self.key_confidence,
                )
            )

    def _value_hit(
        self,
        category: str,
        detector: str,
        fld: Field,
        key: str,
        value: str,
        confidence: float | None = None,
    ) -> Hit:
        """A hit of a value-shape detector, its excerpt showing `value` under `key`."""
        return Hit(
            category,
            detector,
            fld.where,
            excerpt_for(category, key, value),
            self.shape_confidence if confidence is None else confidence,
        )

    def _value_shapes(
        self,
        fld: Field,
        key: str,
        nk: str,
        value: str,
        matched: bool,
        rule: Rule | None,
        flags: int,
        ctx: FlowContext,
        add: Callable[[Hit], None],
    ) -> bool:
        """Value-shape detectors; True when the value was labelled as chat text."""
        if "@" in value and (
            (rule is None and not _is_id_key(nk)) or (rule is not None and rule[0] != EMAIL)
        ):
            match = _EMAIL_RE.search(value)
            if match is not None and not is_redacted(value):
                add(self._value_hit(EMAIL, "detector.email_value", fld, key, match.group(0)))
        if matched:
            return False
        first = value[0]
        if first.isdigit() or ":" in value[:5]:
            if not flags & _F_VERSIONISH and (v_ip(value) or v_mac(value)):
                add(self._value_hit(NID, "detector.address_value", fld, key, value))
                return False
        elif len(value) == 17 and v_mac(value):
            add(self._value_hit(NID, "detector.address_value", fld, key, value))
            return False
        if first in "tT" and _TEL_URI_RE.match(value):
            add(self._value_hit(PHONE, "detector.phone_value", fld, key, value))
            return False
        if first == "e" and value.startswith("eyJ") and _JWT_RE.match(value):
            add(self._value_hit(CRED, "detector.token_value", fld, key, value))
            return False
        if first in "bBtTdDsShH" and _AUTH_SCHEME_RE.match(value):
            add(self._value_hit(CRED, "detector.token_value", fld, key, value))
            return False
        if ctx.meeting_endpoint and nk in MEETING_CONTEXT_KEYS and v_text(value):
            add(
                self._value_hit(
                    MEETING, "detector.meeting_text", fld, key, value, self.context_confidence
                )
            )
            return False
        if flags & _F_CHAT_KEY and (ctx.chat_endpoint or flags & _F_CHAT_PATH) and v_text(value):
            add(
                self._value_hit(
                    CHAT, "detector.chat_text", fld, key, value, self.context_confidence
                )
            )
            return True
        if (
            flags & _F_TRANSCRIPT_KEY
            and (ctx.transcript_endpoint or flags & _F_TRANSCRIPT_PATH)
            and v_text(value)
        ):
            add(
                self._value_hit(
                    TRANSCRIPT, "detector.transcript_text", fld, key, value, self.context_confidence
                )
            )
            return False
        if (len(value) <= 2000 and " " in value) or len(value) <= 40:
            device = _DEVICE_NAME_RE.search(value)
            if device is not None and not value.startswith(("http:", "https:", "hex:")):
                add(
                    Hit(
                        HW,
                        "detector.device_name_text",
                        fld.where,
                        f"{key}: …{shorten(device.group(0), 40)}…",
                        0.6,
                    )
                )
        return False

    def _upload_type(self, fld: Field, value: str, add: Callable[[Hit], None]) -> None:
        """A file part of a multipart body (the decoders record its content type)."""
        lowered = value.lower()
        if lowered.startswith("audio/"):
            category = AUDIO
        elif lowered.startswith(("video/", "image/")):
            category = VIDEO
        elif lowered.startswith(("application/json", "text/json")):
            return
        else:
            category = FILES
        add(
            Hit(
                category,
                "detector.upload_part",
                fld.where,
                f"{fld.path[-2] if len(fld.path) > 1 else 'part'}: {shorten(value)}",
                self.context_confidence,
            )
        )


def body_content_hits(content_type: str | None, body_size: int) -> list[Hit]:
    """Audio, video and image uploads recognised by the request's own content type."""
    if not content_type or body_size <= 0:
        return []
    lowered = content_type.lower().split(";", 1)[0].strip()
    if lowered.startswith("audio/"):
        category = AUDIO
    elif lowered.startswith(("video/", "image/")):
        category = VIDEO
    elif _DOCUMENT_TYPES_RE.match(lowered):
        category = FILES
    else:
        return []
    return [
        Hit(
            category,
            "detector.upload_body",
            "header › Content-Type",
            f"{lowered} body of {body_size} bytes",
            0.85,
        )
    ]
