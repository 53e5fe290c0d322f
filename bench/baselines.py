#!/usr/bin/env python3
"""What a user would run instead of motcua, for the benchmark to compare against.

    python bench/baselines.py floor  FILE                   Polars reading the file, nothing else
    python bench/baselines.py pandas FILE START END         pandas (+ openpyxl for xlsx) script
    python bench/baselines.py duckdb FILE START END         DuckDB SQL over the CSV

FILE may also be the Parquet file `motcua store export` writes (typed columns).

pandas and duckdb print, as JSON, the per-field counts of dossiers settled between START
and END (inclusive) that were early / on time / late, by calendar date of the end against
the due date (DOMAIN.md section 3, the form06 policy): the same numbers motcua reports.
Each is written as plainly as a competent analyst would write it, not tuned.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FMT = "%d/%m/%Y %H:%M"
FIELD, DUE, END = "Lĩnh vực", "Ngày hẹn trả", "Ngày có kết quả"


def floor(path: Path) -> None:
    import polars as pl

    if path.suffix == ".xlsx":
        frame = pl.read_excel(path, engine="calamine")
    elif path.suffix == ".parquet":
        frame = pl.read_parquet(path)
    else:
        frame = pl.read_csv(path)
    print(json.dumps({"rows": frame.height}))


def with_pandas(path: Path, start: str, end: str) -> None:
    import numpy as np
    import pandas as pd

    if path.suffix == ".parquet":
        df = pd.read_parquet(path, columns=["field", "due_at", "finished_at", "returned_at"])
        df = df.rename(columns={"field": FIELD})
        due = df["due_at"].dt.normalize()
        done = df["finished_at"].fillna(df["returned_at"]).dt.normalize()
    else:
        df = pd.read_excel(path, engine="openpyxl") if path.suffix == ".xlsx" else pd.read_csv(path)
        due = pd.to_datetime(df[DUE], format=FMT).dt.normalize()
        done = pd.to_datetime(df[END], format=FMT).dt.normalize()
    settled = df[(done >= start) & (done <= end)].copy()
    d, e = due[settled.index], done[settled.index]
    settled["outcome"] = np.select([e < d, e == d], ["early", "on_time"], "late")
    table = settled.groupby([FIELD, "outcome"]).size().unstack(fill_value=0)
    print(json.dumps({f: [int(table.loc[f].get(k, 0)) for k in ("early", "on_time", "late")] for f in table.index}))


def with_duckdb(path: Path, start: str, end: str) -> None:
    import duckdb

    if path.suffix == ".parquet":
        source = f"""SELECT field, CAST(due_at AS DATE) AS due, CAST(coalesce(finished_at, returned_at) AS DATE) AS done
                     FROM read_parquet('{path}')"""
    else:
        source = f"""SELECT "{FIELD}" AS field,
                            CAST(strptime("{DUE}", '{FMT}') AS DATE) AS due,
                            CAST(strptime("{END}", '{FMT}') AS DATE) AS done
                     FROM read_csv('{path}', all_varchar = true)"""
    rows = duckdb.sql(
        f"""
        WITH t AS ({source})
        SELECT field,
               count(*) FILTER (WHERE done < due),
               count(*) FILTER (WHERE done = due),
               count(*) FILTER (WHERE done > due)
        FROM t WHERE done BETWEEN DATE '{start}' AND DATE '{end}'
        GROUP BY field
        """
    ).fetchall()
    print(json.dumps({r[0]: [int(r[1]), int(r[2]), int(r[3])] for r in rows}))


if __name__ == "__main__":
    kind, file = sys.argv[1], Path(sys.argv[2])
    if kind == "floor":
        floor(file)
    elif kind == "pandas":
        with_pandas(file, sys.argv[3], sys.argv[4])
    else:
        with_duckdb(file, sys.argv[3], sys.argv[4])
