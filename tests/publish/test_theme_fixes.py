"""Repairs to mkdocs-material's markup: each one on the theme's own snippet."""

from __future__ import annotations

from build_scripts.publish.theme_fixes import fix_page


def test_checkboxes_lose_autocomplete_and_labels_lose_empty_tabindex():
    html = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off"><label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="">'
    fixed = fix_page(html)
    assert "autocomplete" not in fixed and 'tabindex=""' not in fixed
    # A text input keeps its autocomplete="off" (search box).
    search = '<input type="text" class="md-search__input" name="query" autocomplete="off">'
    assert fix_page(search) == search


def test_icon_only_header_labels_get_a_title_and_hidden_text():
    fixed = fix_page('<label class="md-header__button md-icon" for="__drawer"><svg></svg></label>')
    assert (
        fixed
        == '<label class="md-header__button md-icon" for="__drawer" title="網站選單"><span class="tw-visually-hidden">網站選單</span><svg></svg></label>'
    )
    overlay = (
        '<label class="md-overlay" for="__drawer" title="關閉網站選單">'
        '<span class="tw-visually-hidden" aria-hidden="true">關閉網站選單</span></label>'
    )
    assert fix_page('<label class="md-overlay" for="__drawer"></label>') == overlay
    # Zensical hides the label itself (which HTML does not allow on a label of a control): the same result
    assert fix_page('<label class="md-overlay" for="__drawer" aria-hidden="true"></label>') == overlay


def test_section_toggle_is_named_after_its_section():
    html = (
        '<div class="md-nav__link md-nav__container">\n<a href="../disclosure/" class="md-nav__link ">\n'
        '<span class="md-ellipsis">\n主動公開資訊\n</span>\n</a>\n'
        '<label class="md-nav__link " for="__nav_3" id="__nav_3_label" tabindex="0">\n<span class="md-nav__icon md-icon"></span>\n</label>\n</div>'
    )
    fixed = fix_page(html)
    assert '<span class="tw-visually-hidden">主動公開資訊</span>\n<span class="md-nav__icon md-icon"></span>' in fixed


def test_empty_table_of_contents_and_orphan_toc_label():
    assert fix_page('<div><nav class="md-nav md-nav--secondary" aria-label="目錄">\n  </nav></div>') == "<div></div>"
    html = '<label class="md-nav__title" for="__toc"><span class="md-nav__icon md-icon"></span>目錄</label>'
    assert fix_page(html) == '<div class="md-nav__title"><span class="md-nav__icon md-icon"></span>目錄</div>'
    # On pages that have the __toc checkbox, the label stays a label.
    with_toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' + html
    assert fix_page(with_toggle) == with_toggle
