"""What every command shares: language, debug, config, and where output goes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:  # the config (and Polars, through the column aliases) only when read
    from ..config import Config


@dataclass
class Env:
    lang: str = "vi"
    debug: bool = False
    config_path: Path | None = None
    # Not a terminal (a pipe, a cron log): no colour, and room for a report's columns.
    out: Console = field(default_factory=lambda: Console(highlight=False, width=None if sys.stdout.isatty() else 132))
    err: Console = field(default_factory=lambda: Console(stderr=True, highlight=False))
    _config: Config | None = None
    limits: dict[str, int] = field(default_factory=dict)  # --max-unpacked-mb, --max-cells

    def error(self, message: str) -> None:
        """An error line on stderr: not wrapped (scripts grep it), no markup in the text."""
        from ..messages import label

        self.err.print(f"{label('error', self.lang)}: ", style="bold red", end="", soft_wrap=True)
        self.err.print(message, markup=False, soft_wrap=True, highlight=False)

    @contextmanager
    def reading(self, files: list[Path]) -> Iterator[Callable[[Path], None] | None]:
        """A progress bar on stderr while files are read, at a terminal only."""
        if not self.err.is_terminal or len(files) < 2:
            yield None
            return
        from rich.progress import BarColumn, Progress, TextColumn

        from ..messages import label

        with Progress(
            TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"), console=self.err, transient=True
        ) as bar:
            task = bar.add_task(label("reading", self.lang), total=len(files))
            started = False

            def step(path: Path) -> None:
                nonlocal started
                if started:
                    bar.advance(task)
                started = True
                bar.update(task, description=f"{label('reading', self.lang)} {path.name}")

            yield step

    @property
    def config(self) -> Config:
        if self._config is None:
            from ..config import load_config

            self._config = load_config(self.config_path)
            if self.limits:
                self._config.data["limits"] = {**self._config.section("limits"), **self.limits}
        return self._config


def env_of(ctx: typer.Context) -> Env:
    root = ctx.find_root()
    if not isinstance(root.obj, Env):
        root.obj = Env()
    return root.obj
