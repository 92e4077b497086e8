"""Pure render functions: the plan model → page text, through the Jinja templates in ``templates/``.

Numbering labels, escaping, table layout and the order of a plan's text live here, shared by the
web pages, the print HTML and the ODT."""
