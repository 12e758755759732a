"""callqa: ask an earnings call a question, get a short answer citing who said it and where."""

__version__ = "0.1.0"
