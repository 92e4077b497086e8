"""Each finding is reported with its 115.11 檢測碼 beside its WCAG criterion, as the 標章 application
and an agency's auditor read them."""

from __future__ import annotations

from build_scripts.audit.axe import _criterion, _findings
from build_scripts.audit.findings import RULES, finding, wcag_of
from build_scripts.audit.report import text as report_text
from build_scripts.audit.site_audit import Audit


def test_a_code_names_its_wcag_criterion():
    assert wcag_of("HM1130104C") == "1.3.1" and wcag_of("CS2250800E") == "2.5.8" and wcag_of("CS2140401C") == "1.4.4"
    assert wcag_of("") == "" and all(wcag_of(rule.code) for rule in RULES if rule.code)


def test_axe_findings_carry_the_criterion_of_their_tags():
    assert _criterion(["cat.forms", "wcag2a", "wcag412"]) == "4.1.2" and _criterion(["wcag21aa", "wcag1412"]) == "1.4.12"
    (found,) = _findings(
        "a.html",
        [
            {
                "id": "label",
                "help": "h",
                "tags": ["wcag2a", "wcag412"],
                "nodes": [{"html": "<input>", "failureSummary": "f"}],
                "description": "d",
            }
        ],
    )
    assert found.code == "HM1130104C" and found.criterion == "HM1130104C（WCAG 4.1.2）"


def test_the_report_shows_the_code_beside_the_criterion(tmp_path):
    audit = Audit(tmp_path, findings=[finding("index.html", "empty-label", "<label>", "空的", "寫出文字")])
    text = report_text(audit)
    assert "[empty-label HM1130104C（WCAG 1.3.1）]" in text
