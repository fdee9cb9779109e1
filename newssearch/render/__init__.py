"""Rendering: search results and index reports to the terminal (Rich) or JSON. Never imports Whoosh."""
