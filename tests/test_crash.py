"""A short run of the kill harness (tests/crash.py; `make crash` runs it for minutes):
ingests, compactions and repairs killed at random moments and at every named crash
point leave no damaged store and lose no dossier."""

from __future__ import annotations

from .crash import crash


def test_kills_during_ingest_compact_and_repair_damage_nothing() -> None:
    summary = crash(kills=8, seed=20261201)
    assert summary.kills >= 8
    assert (summary.damaged, summary.lost, summary.wrong) == (0, 0, 0), summary.problems
