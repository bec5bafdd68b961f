"""`form.form_data_parts` reads plain `multipart/form-data` bodies directly; whatever it reads
must be what the email package reads (its parts, names, file names, content types and bytes),
and anything it is not sure of goes to the email package."""

from __future__ import annotations

import email.parser
import email.policy
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.decode import decode_flow
from auditor.decode.form import _email_parts, form_data_parts
from auditor.records import from_spec_dict
from tests.tflow import tflow, treq

CORPUS = Path(__file__).resolve().parent.parent / "label" / "corpus"
BOUNDARY = "ef4d49f90c6a901f07064d01e34f06e9"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def email_parts(data: bytes, content_type: str) -> list[object] | None:
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n" + data
    )
    if not message.is_multipart():
        return None
    payload = message.get_payload()
    assert isinstance(payload, list)
    return list(_email_parts(payload))


def body_of(parts: list[tuple[list[bytes], bytes]], boundary: str = BOUNDARY) -> bytes:
    out = b""
    for headers, body in parts:
        out += b"--" + boundary.encode() + b"\r\n" + b"".join(h + b"\r\n" for h in headers)
        out += b"\r\n" + body + b"\r\n"
    return out + b"--" + boundary.encode() + b"--\r\n"


def test_plain_form_data_is_read_directly_as_the_email_package_reads_it() -> None:
    data = body_of(
        [
            ([b'Content-Disposition: form-data; name="token"'], b"azGDORe"),
            ([b"content-disposition: form-data; name=user"], b"line one\r\nline two\r"),
            (
                [
                    b'Content-Disposition: form-data; name="file"; filename=" a b.wav "',
                    b"Content-Type: Audio/WAV",
                ],
                b"RIFF\x00\xff\r\n--not-the-boundary\n\r",
            ),
            ([b"Content-Type: application/json; charset=utf-8"], b'{"a": 1}'),
            ([], b""),
            ([b'Content-Disposition: form-data; name=""; filename=""'], b"x"),
        ]
    )
    fast = form_data_parts(data, CONTENT_TYPE)
    assert fast is not None
    assert fast == email_parts(data, CONTENT_TYPE)
    assert fast[2] == ("file", "a b.wav", "audio/wav", b"RIFF\x00\xff\r\n--not-the-boundary\n\r")
    assert fast[4] == (None, None, None, b"")


def test_bodies_it_is_not_sure_of_go_to_the_email_package() -> None:
    plain = body_of([([b'Content-Disposition: form-data; name="a"'], b"1")])
    assert form_data_parts(plain, CONTENT_TYPE) is not None
    sep = b"--" + BOUNDARY.encode()
    not_plain = [
        b"preamble\r\n" + plain,  # a preamble
        plain.replace(b"\r\n1\r\n", b"\r\n1\n" + sep + b"\r\n"),  # a boundary after a bare LF
        plain.replace(b"\r\n1\r\n", b"\r\n1\x0c" + sep + b"\r\n"),  # after a form feed
        plain.replace(b'name="a"', b'name="a";\r\n name2="b"'),  # a folded header
        plain.replace(b'name="a"', b"name*=utf-8''%C3%A9"),  # RFC 2231
        plain.replace(b'name="a"', b'name="a\\"b"'),  # an escaped quote
        plain.replace(b'name="a"', b'name="<a>"'),  # angle brackets (the email package unquotes)
        plain.replace(b'name="a"', 'name="é"'.encode()),  # not ASCII
        plain.replace(b"form-data", b"filename"),  # a bare parameter name first
        plain.replace(b"\r\n\r\n", b"\r\nContent-Transfer-Encoding: base64\r\n\r\n", 1),
        plain.replace(b"\r\n\r\n", b"\r\nContent-Type: multipart/mixed\r\n\r\n", 1),
        plain.replace(b"\r\n\r\n", b"\r\nContent-Type: text/plain; name=x.txt\r\n\r\n", 1),
        plain.replace(b"\r\n\r\n", b"\r\nContent-Type: a/b\r\nContent-Type: c/d\r\n\r\n", 1),
        plain[: -len(b"--\r\n")],  # no close
        plain.replace(sep + b"--", sep + b"--x"),  # not a close boundary
        plain.replace(sep + b"\r\n", sep + b" \r\n", 1),  # white space after a boundary
        sep + b"\r\n" + plain,  # two boundaries in a row
        plain.replace(b"\r\n\r\n", b"\r\n", 1),  # no blank line after the headers
    ]
    for data in not_plain:
        assert form_data_parts(data, CONTENT_TYPE) is None, data
    for content_type in (
        "multipart/mixed; boundary=" + BOUNDARY,
        CONTENT_TYPE + "; charset=utf-8",
        f'multipart/form-data; boundary="{BOUNDARY}',
        "multipart/form-data",
    ):
        assert form_data_parts(plain, content_type) is None, content_type


_TEXT = st.text(alphabet=st.sampled_from(list(" az\"\\;<>=*'_-.é\t")), max_size=6)
_VALUE = st.one_of(_TEXT, st.sampled_from(["a.txt", "x", "", " y ", "na me"]))
_BYTES = st.one_of(
    st.binary(max_size=24),
    st.lists(
        st.sampled_from([b"\r\n", b"\r", b"\n", b"--" + BOUNDARY.encode(), b"x", b"\x0c", b"--"]),
        max_size=6,
    ).map(b"".join),
)


@st.composite
def _header(draw: st.DrawFn) -> bytes:
    name = draw(
        st.sampled_from(
            ["Content-Disposition", "content-type", "Content-Type", "X-Other", "Content-Length"]
        )
    )
    if name.lower() == "content-disposition":
        params = draw(
            st.lists(
                st.tuples(st.sampled_from(["name", "filename", "NAME", "x", "name*"]), _VALUE),
                max_size=3,
            )
        )
        quoted = draw(st.booleans())
        value = draw(st.sampled_from(["form-data", "attachment", "name", "filename"])) + "".join(
            f'; {key}="{val}"' if quoted else f"; {key}={val}" for key, val in params
        )
    else:
        value = draw(
            st.sampled_from(
                ["application/json", "text/plain; charset=utf-8", "audio/wav", "", "bad", "a/b/c"]
            )
        )
    spaces = draw(st.sampled_from(["", " ", "  "]))
    return f"{name}:{spaces}{value}{draw(st.sampled_from(['', ' ']))}".encode()


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.lists(_header(), max_size=3), _BYTES), min_size=1, max_size=4),
    st.sampled_from(["", "preamble\r\n"]),
    st.sampled_from(["--\r\n", "--", "--\r\nepilogue", "\r\n", "--x"]),
)
def test_what_it_reads_is_what_the_email_package_reads(
    parts: list[tuple[list[bytes], bytes]], preamble: str, close: str
) -> None:
    data = preamble.encode() + body_of(parts)[: -len(b"--\r\n")] + close.encode()
    fast = form_data_parts(data, CONTENT_TYPE)
    if fast is not None:
        assert fast == email_parts(data, CONTENT_TYPE)


def test_corpus_multipart_bodies_decode_alike_both_ways() -> None:
    """Every multipart body of the corpus: the fields decode_flow gives equal those of the email
    package's reading (the direct reading takes all but one of them)."""
    direct = 0
    for corpus in sorted(CORPUS.glob("*.jsonl")):
        for line in corpus.read_text(encoding="utf-8").splitlines():
            record = from_spec_dict(json.loads(line)) if line else None
            request = record.request if record is not None else None
            content_type = (request.header("content-type") or "") if request else ""
            if request is None or not request.body or not content_type.startswith("multipart/"):
                continue
            fast = form_data_parts(request.body, content_type)
            if fast is None:
                continue
            direct += 1
            assert fast == email_parts(request.body, content_type), record.id
    assert direct >= 20


def test_decode_flow_reads_a_form_data_upload() -> None:
    data = body_of(
        [
            ([b'Content-Disposition: form-data; name="config"'], b'{"language": "en"}'),
            (
                [
                    b'Content-Disposition: form-data; name="data_file"; filename="call.txt"',
                    b"Content-Type: application/octet-stream",
                ],
                b"hello",
            ),
        ]
    )
    record = tflow(
        req=treq(
            "https://asr.example.com/v2/jobs", headers=[("content-type", CONTENT_TYPE)], body=data
        )
    )
    fields = {" › ".join(f.path): f.value for f in decode_flow(record).fields}
    assert fields["body › config › language"] == "en"
    assert fields["body › data_file › filename"] == "call.txt"
    assert fields["body › data_file › size"] == 5
