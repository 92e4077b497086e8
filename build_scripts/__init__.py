"""plansite: agencies' plans (YAML) → an accessible 主動公開資訊 site, with PDF and ODT downloads.

The flow goes one way, one subpackage per stage:

    plan/      plan files → typed plan model (YAML with positions, validation, messages, schema)
    render/    plan model → page text (numbering, escaping, tables, pages; the site's Jinja templates/)
    pdf/       plan model → print HTML → PDF/UA-1 (WeasyPrint, tagging pass, batch with cache)
    odt/       plan model → ODT (styles, document, reproducible package)
    publish/   pages with downloads; dates from git; finishing built pages; search index; atomic swap
    pipeline/  the engine-neutral build session: load → generate → (engine) → finish → publish
    engines/   thin adapters for the site engines: mkdocs/ (the plugin; ProperDocs runs it), zensical/
    cli/       the ``plansite`` command, a thin adapter too
    audit/     checks of a built site (Taiwan rules, axe-core, Nu Html Checker, PDF/UA-1) and reports

``settings`` holds every option and its default, and the environment variables read;
``cache`` the content-addressed cache every stage uses.
"""
