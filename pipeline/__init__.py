"""pipeline: EU-project archive texts in, clean traceable tables out."""

__version__ = "0.1.0"
