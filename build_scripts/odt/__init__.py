"""Plan → ODT (OpenDocument text): the styles, the document, and reproducible packaging."""
