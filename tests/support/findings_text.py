"""A plain-text listing of Taiwan-rule findings, grouped by rule (for assertion messages)."""

from __future__ import annotations

from build_scripts.audit.findings import RULES, Finding


def format_findings(findings: list[Finding]) -> str:
    """A plain-text report grouped by rule, in RULES order."""
    lines = []
    for rule in RULES:
        matched = [f for f in findings if f.rule == rule.id]
        if not matched:
            continue
        lines.append(f"[{rule.id}] {rule.code or '—'} {rule.title}（{len(matched)}）")
        for f in matched:
            lines.append(f"  {f.page}: {f.message}  {f.element}")
            lines.append(f"    修正：{f.help}")
    return "\n".join(lines)
