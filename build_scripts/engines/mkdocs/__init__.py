"""The MkDocs adapter: the ``disclosure`` plugin, its navigation, the theme fixes and the search set-up."""
