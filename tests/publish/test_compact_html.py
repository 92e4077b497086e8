"""Built pages without the theme's indentation read exactly the same."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from build_scripts.publish.compact_html import compact


def _visible(markup: str) -> str:
    """The text a browser shows, white space collapsed as in normal flow."""
    return re.sub(r"\s+", " ", lxml_html.fromstring(markup).text_content()).strip()


def test_indentation_goes_and_the_text_stays():
    page = "<html><body>\n    <nav>\n      <ul>\n        <li>\n          <a href='/'>首頁</a>\n        </li>\n      </ul>\n    </nav>\n  <p>第一行\n      第二行</p></body></html>"
    compacted = compact(page)
    assert "\n " not in compacted and len(compacted) < len(page)
    assert _visible(compacted) == _visible(page)


def test_preformatted_text_scripts_and_styles_are_left_alone():
    kept = "<pre>  一\n    二</pre><textarea>\n  x\n</textarea><script>var s = `\n    a`;</script><style>\n  p { }\n</style>"
    assert compact("<div>\n   " + kept + "\n   </div>") == "<div>\n" + kept + "\n</div>"
