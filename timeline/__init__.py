"""timeline: turn source documents and curated events into a citable dataset, charts and a site."""

__version__ = "0.1.0"
