"""Texts given as texts, without Pydantic (issue 19, start-up).

typer 0.29 turns every command-line value into its parameter's type through a Pydantic
``TypeAdapter``; the first one imports Pydantic and builds its schemas, 0.15 s before
`motcua calendar add` can answer. Most of our parameters are texts (or lists of texts)
that arrive as texts, where the adapter's answer is the value itself (``str(value)``).
:func:`install` gives such parameters a coercion that returns exactly that and hands any
other value (bytes, a number from a default) to typer's own adapter, built only then.
Paths, numbers and choices keep typer's coercion untouched.

typer is pinned below 0.30 (pyproject.toml) because this reaches its private
``_TyperParameter.get_runtime_param``; tests/test_architecture.py checks that light
commands import no Pydantic and that every parameter still gets typer's result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

from typer import core
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer._param_types import coerce_cli_path


def _kind(annotation: Any) -> str | None:
    """ "text" for ``str``, "path" for ``Path``, "texts"/"paths" for lists of them."""
    if get_origin(annotation) is list and get_args(annotation) in ((str,), (Path,)):
        return {str: "texts", Path: "paths"}[get_args(annotation)[0]]
    return {str: "text", Path: "path"}.get(annotation)


@dataclass(frozen=True)
class DeferredRuntimeParam(RuntimeParam):
    """typer's coercion, built on the first value that needs it; texts for a text (or
    list of texts) parameter pass as they are."""

    descriptor: TypeDescriptor
    kind: str | None
    _full: list[RuntimeParam] = field(default_factory=list)

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if self.kind == "text" and isinstance(value, str):
            return value
        if self.kind == "texts" and isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return list(value)
        if self.kind == "path" and isinstance(value, str):
            return self._path(value, param, ctx)
        if self.kind == "paths" and isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return [self._path(v, param, ctx) for v in value]
        if not self._full:
            self._full.append(build_runtime_param(self.descriptor))
        return self._full[0]._coerce_value(value, param=param, ctx=ctx)

    def _path(self, value: str, param: Any, ctx: Any) -> Any:
        """typer's own checks (exists, dir_okay, ...) on ``Path(value)``, which is what
        its Pydantic adapter makes of a text."""
        return coerce_cli_path(Path(value), self.parameter_info, path_type=Path, param=param, ctx=ctx)


_typers_own = core._TyperParameter.get_runtime_param


def _get_runtime_param(self: core._TyperParameter) -> RuntimeParam:
    descriptor = self.type_descriptor
    if self._runtime_param is None and not descriptor.is_file:
        info = descriptor.parameter_info
        kind = _kind(descriptor.annotation) if info.parser is None and info.path_type in (None, Path) else None
        self._runtime_param = DeferredRuntimeParam(
            parameter_info=descriptor.parameter_info, annotation=descriptor.annotation, descriptor=descriptor, kind=kind
        )
    return _typers_own(self)


def install() -> None:
    core._TyperParameter.get_runtime_param = _get_runtime_param  # type: ignore[method-assign]
