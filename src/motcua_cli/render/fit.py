"""Terminal tables that fit the console: widths chosen by motcua, not left to Rich's
collapsing, so an id, a date or a number is never cut (issue 18)."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table


def compact_table() -> Table:
    """A table with a rule under the heading, two spaces between columns and no edges."""
    return Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False, collapse_padding=True)


def fit_table(table: Table, width: int) -> bool:
    """Give the table's columns widths that fit ``width``: no-wrap columns as wide as
    their longest line, the others from their min_width up to their longest line, sharing
    what is left. False when even the least widths do not fit. (Rich's own collapsing
    can leave a table wider than the console, which then cuts the last column.)"""
    from rich.cells import cell_len

    def longest(column: Any) -> int:
        texts = [str(column.header), *(str(c) for c in column.cells)]
        return max(cell_len(line) for t in texts for line in (t.splitlines() or [""]))

    gaps = 2 * (len(table.columns) - 1)  # collapsed padding: two spaces between columns
    fixed = sum(longest(c) for c in table.columns if c.no_wrap)
    flexible = [c for c in table.columns if not c.no_wrap]
    least = sum(c.min_width or 1 for c in flexible)
    spare = width - gaps - fixed - least
    if spare < 0:
        return False
    wants = [max(longest(c) - (c.min_width or 1), 0) for c in flexible]
    total = sum(wants) or 1
    for column, want in zip(flexible, wants, strict=True):
        column.width = (column.min_width or 1) + min(want, spare * want // total)
    for column in table.columns:
        if column.no_wrap:
            column.width = longest(column)
    return True
