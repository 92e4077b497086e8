"""The site engines that turn Markdown and the theme into HTML: thin adapters over ``pipeline``.

Nothing below this package imports an engine. ``mkdocs`` is the MkDocs plugin (ProperDocs runs it
unchanged); ``zensical`` writes the pages as files and runs Zensical, which has no plugins.
"""
