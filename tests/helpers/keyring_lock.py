"""Locking the real gnome-keyring login collection for a test, and unlocking it again without a
prompt (the test session bus has no prompter), so later tests find the keyring as it was."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

# The login keyring password that scripts/with-session-bus.sh unlocks the test keyring with.
TEST_KEYRING_PASSWORD = b"test-keyring-password"
LOGIN_COLLECTION = "/org/freedesktop/secrets/collection/login"


@contextmanager
def locked_login_keyring() -> Iterator[None]:
    import secretstorage
    from secretstorage.util import DBusAddressWrapper, format_secret, open_session

    connection = secretstorage.dbus_init()
    collection = secretstorage.Collection(connection, LOGIN_COLLECTION)
    collection.lock()
    try:
        assert collection.is_locked()
        yield
    finally:
        # Collection.unlock() would ask a prompter; gnome-keyring's internal interface takes the
        # master password directly.
        session = open_session(connection)
        internal = DBusAddressWrapper(
            "/org/freedesktop/secrets",
            "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
            connection,
        )
        internal.call(
            "UnlockWithMasterPassword",
            "o(oayays)",
            LOGIN_COLLECTION,
            format_secret(session, TEST_KEYRING_PASSWORD, "text/plain"),
        )
        if collection.is_locked():
            raise RuntimeError("could not unlock the test login keyring again")
