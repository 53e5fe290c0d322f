"""Exit statuses and the typed errors the core raises.

The core never prints or exits: it raises a ``MotcuaError`` that carries a message in
Vietnamese and English and the exit status a script can act on. ``cli/`` turns it into
a message at the edge (modelled on httpie's ``ExitStatus``).
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """The whole contract with scripts. Documented in README; never renumber."""

    OK = 0
    ERROR = 1  # unexpected error (a bug): run again with --debug and report it
    USAGE = 2  # bad command line or config
    INPUT_UNREADABLE = 3  # missing file, unknown format, no dossier header found
    TOO_MANY_REJECTS = 4  # rejected rows above --max-rejects
    TARGET_NOT_MET = 5  # a rate under --fail-under
    DATA_NOT_UNDERSTOOD = 6  # --strict: a field with no column, a status or channel text not recognised
    AUDIT_FINDINGS = 7  # audit --fail-on: findings of the codes named were found


class MotcuaError(Exception):
    """An error with a bilingual message and an exit status."""

    status: ExitStatus = ExitStatus.ERROR

    def __init__(self, vi: str, en: str, *, hint_vi: str = "", hint_en: str = "") -> None:
        super().__init__(en)
        self.vi = vi
        self.en = en
        self.hint_vi = hint_vi
        self.hint_en = hint_en

    def message(self, lang: str = "vi") -> str:
        text, hint = (self.en, self.hint_en) if lang == "en" else (self.vi, self.hint_vi)
        return f"{text}\n{hint}" if hint else text


class UsageError(MotcuaError):
    status = ExitStatus.USAGE


class InputUnreadable(MotcuaError):
    status = ExitStatus.INPUT_UNREADABLE


class TooManyRejects(MotcuaError):
    status = ExitStatus.TOO_MANY_REJECTS


class TargetNotMet(MotcuaError):
    status = ExitStatus.TARGET_NOT_MET


class DataNotUnderstood(MotcuaError):
    status = ExitStatus.DATA_NOT_UNDERSTOOD
