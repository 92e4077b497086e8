"""The report in Taiwan's words: axe's locale reworded, Chinese titles for the Nu checker and PDF/UA."""

from __future__ import annotations

from build_scripts.audit.pdfua import rule_title
from build_scripts.audit.site_audit import CHECKERS
from build_scripts.audit.vnu import message_title
from build_scripts.audit.wording import reworded, taiwan_wording


def test_mainland_terms_become_taiwan_terms():
    assert taiwan_wording("確保前景色和背景色之間的對比度符合 WCAG 2 AA 最小對比度閾值") == (
        "確保前景色和背景色之間的對比度符合 WCAG 2 AA 最小對比度標準"
    )
    assert taiwan_wording("有一個機制供用戶繞過導航") == "有一個機制供使用者繞過導覽"
    assert reworded({"a": ["頁面必須有標題", {"b": "台灣"}]}) == {"a": ["網頁必須有標題", {"b": "臺灣"}]}


def test_the_report_names_its_checkers_in_taiwan_terms():
    titles = dict(CHECKERS)
    assert titles["taiwan"].startswith("臺灣") and "台灣" not in "".join(titles.values())


def test_nu_checker_messages_get_a_chinese_title():
    assert message_title('Duplicate ID "plans".') == "id 重複"
    assert message_title("Element “li” not allowed as child of element “div” in this context.") == "元素不可放在這個位置"
    assert message_title("Stray end tag “p”.") == "多餘的標籤"
    assert message_title("Something new the checker says.") == "HTML 不符合標準"


def test_pdf_ua_rules_get_a_chinese_title():
    assert rule_title("PDFUA1-TEXT-LANGUAGE-001") == "文字沒有標示語言（/Lang）"
    assert rule_title("PDFUA1-METADATA-TITLE-001") == "中繼資料沒有文件標題（dc:title）"
    assert rule_title("PDFUA1-CONTENT-TAGGING-001").startswith("內容沒有標記")
    assert rule_title("PDFUA1-SOMETHING-NEW-001") == "不符合 PDF/UA-1"
