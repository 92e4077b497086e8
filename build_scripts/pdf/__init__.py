"""Plan → PDF/UA-1: the print HTML, WeasyPrint's render, the tagging pass, and batch rendering with a cache."""
