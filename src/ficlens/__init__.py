"""ficlens: read fan fiction the way a careful reader does."""

__version__ = "0.1.0"
