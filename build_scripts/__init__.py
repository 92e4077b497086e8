"""plansite: agencies' plans (YAML) → an accessible 主動公開資訊 site, with PDF and ODT downloads.

The flow goes one way, one subpackage per stage:

    plan/      plan files → typed plan model (YAML with positions, validation, messages, schema)
    render/    plan model → page text (numbering, escaping, tables, pages; Jinja templates in templates/)
    pdf/       plan model → print HTML → PDF/UA-1 (WeasyPrint, tagging pass, batch with cache)
    odt/       plan model → ODT (styles, document, reproducible package)
    publish/   plans folder → pages with downloads; dates from git; writing files; atomic swap
    mkdocs_plugin/, cli/   thin adapters: the MkDocs plugin and the ``plansite`` command
    audit/     checks of a built site (Taiwan rules, axe-core, Nu Html Checker, PDF/UA-1) and reports

``settings`` holds every option and its default, and the environment variables read;
``cache`` the content-addressed cache every stage uses.
"""
