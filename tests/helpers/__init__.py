"""Shared test utilities: a local TLS lab (test CA + upstream server), a capture-process driver and
small clients. Everything here talks to loopback only."""
