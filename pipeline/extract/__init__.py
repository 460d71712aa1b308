"""Extractors, one module each; importing this package registers them (see base.register)."""

from pipeline.extract import contacts, counts, dates, money, partners, project  # noqa: F401
