"""The CI part of the mutation fuzzing (tests/fuzz.py): a fixed-seed run of mutated
sample files, each of which must end in a report or a clean, documented refusal
within the time bound. `make fuzz` runs the same for as long as asked."""

from __future__ import annotations

import os

from .fuzz import MUTATIONS, SAMPLES, fuzz, make_case

CASES = int(os.environ.get("MOTCUA_FUZZ_CASES", "60"))


def test_mutated_samples_end_in_a_report_or_a_clean_error() -> None:
    summary = fuzz(cases=CASES, seed=20261123, bound=60)
    details = "\n".join(f"case {f.case} ({f.source} + {', '.join(f.mutations)}): {f.problem}\n{f.output}" for f in summary.failures)
    assert summary.cases == CASES
    assert not summary.failures, details
    # the run is worth something only if both outcomes occur
    assert summary.exits["0"] and summary.exits["3"], summary.exits


def test_every_mutation_changes_its_input(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import random

    for mutation in MUTATIONS:
        changed = 0
        for i, source in enumerate(SAMPLES):
            data = source.read_bytes()
            if mutation(data, random.Random(i), source) != data:
                changed += 1
        assert changed >= 4, mutation.__name__
    path, source, names = make_case(0, 1, tmp_path)
    assert path.exists() and source and names


def test_cases_the_fuzzer_found_stay_fixed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Seed 20261123 of the 10-minute run found these (a zip with impossible offsets
    raised OSError: exit 1). Rebuilt from the seed, each must be a clean exit 3."""
    from typer.testing import CliRunner

    from motcua_cli.cli import app

    from .fuzz import judge

    runner = CliRunner()
    for case in (195, 438, 873, 1380):
        path, _, _ = make_case(case, 20261123, tmp_path)
        result = runner.invoke(app, ["report", str(path), "--period", "2026-Q3", "-f", "json"])
        assert result.exit_code == 3, (case, result.stderr)
        assert judge(result.exit_code, result.stdout, result.stderr, path) == ""
