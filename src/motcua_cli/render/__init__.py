"""The last step: write tables and reports to the terminal and to files."""
