"""motcua: deadlines of one-stop dossiers in Vietnam, from messy exports to reports."""

# The one place the version is written: pyproject.toml reads it from here. A constant,
# not importlib.metadata, which costs 0.1 s at every start.
__version__ = "0.1.0"
