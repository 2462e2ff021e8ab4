"""storyline: turn a pile of news articles into a cited, cross-checked story database."""

__version__ = "0.1.0"
