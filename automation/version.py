"""The version of linkedin-optout: its own module, so that no layer imports the package root."""

__version__ = "0.1.0"
