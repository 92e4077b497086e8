"""What the adapters print for the problems of a build: every problem, in the webmaster's words,
without burying them when there are many."""

from __future__ import annotations

from build_scripts.plan.problems import SHOWN, Problem, report


def test_a_whole_file_problem_many_files_share_is_printed_once_naming_them():
    shared = [Problem(f"plans/p{i}.yaml", 0, 0, "", "電腦上沒有中文字型", "", "安裝字型") for i in range(1000)]
    own = Problem("plans/p0.yaml", 4, 8, "title", "計畫名稱是空的")
    text = report([own, *shared])
    assert text.count("電腦上沒有中文字型") == 1
    assert "plans/p0.yaml、plans/p1.yaml、plans/p2.yaml 等 1000 個檔案" in text
    assert "plans/p0.yaml:4:8: title" in text and "計畫名稱是空的" in text
    assert text.endswith("共 1001 個錯誤、0 個警告。")


def test_past_the_first_hundreds_problems_are_counted_not_printed():
    problems = [Problem("plans/p.yaml", i + 1, 1, f"sections[{i}]", "標題是空的") for i in range(SHOWN + 20)]
    text = report(problems)
    assert text.count("標題是空的") == SHOWN
    assert "另有 20 個問題沒有列出" in text
    assert text.endswith(f"共 {SHOWN + 20} 個錯誤、0 個警告。")
