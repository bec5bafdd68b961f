from tests.helpers.fixtures import (  # noqa: F401 - fixtures used by this area's tests
    capture_factory,
    https_upstream,
    lab_pki,
    module_capture_factory,
    upstream,
)
