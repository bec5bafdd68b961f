"""Body and flow decoders: turn a flow into `Field`s (path = decoding chain, scalar value).

Public API: `decode_flow(record, *, limits=None) -> DecodedFlow` and
`decode_body(data, content_type, content_encoding, path, limits) -> (fields, errors)`.
Neither raises on malformed input; `DecodeLimits` bounds memory, time and output size.
Long strings are cut to `DecodeLimits.max_value_chars` (4 KiB) and binary values kept as a hex
preview; see `auditor.decode._core`.
"""

from auditor.decode._core import DecodeLimits
from auditor.decode.body import decode_body
from auditor.decode.flow import DecodedFlow, decode_flow

__all__ = ["DecodeLimits", "DecodedFlow", "decode_body", "decode_flow"]
