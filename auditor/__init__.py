"""Meeting Privacy Auditor: see what your meeting client sends home, beside what its terms say."""

__version__ = "0.1.0"
