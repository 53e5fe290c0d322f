"""motcua: deadlines of one-stop dossiers in Vietnam, from messy exports to reports."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("motcua")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
