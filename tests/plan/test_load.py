"""Validation: every kind of bad input gives a located message in Traditional Chinese."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.plan.load import load_directory, load_plans, parse_plan
from build_scripts.plan.problems import Severity, errors

from ..support.project import FIXTURES, ROOT

SAMPLE = (FIXTURES / "plans" / "sample-114.yaml").read_text("utf-8")


def problems_of(text: str | bytes, name: str = "plans/x.yaml"):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    plan, problems = parse_plan(raw, name)
    return plan, problems


def only_error(text: str | bytes):
    plan, problems = problems_of(text)
    found = errors(problems)
    assert plan is None or found
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_the_sample_plan_is_valid():
    plan, problems = problems_of(SAMPLE)
    assert plan is not None and problems == []
    assert plan.basis[0].number == "範府研發字第11030001300號"
    assert plan.basis[0].date.isoformat() == "2021-01-05"


def test_every_seed_plan_is_valid():
    plans, problems = load_directory(ROOT / "plans", ROOT)
    assert errors(problems) == []
    assert len(plans) == 5
    assert sum(len(p.results) for p in plans) >= 2  # the example results files travel with their plans


def test_unknown_key_is_located_and_gets_a_spelling_hint():
    text = SAMPLE.replace("  - heading: 計畫目標\n", "  - haeding: 計畫目標\n")
    problem = only_error(text)
    line = text.splitlines().index("  - haeding: 計畫目標") + 1
    assert (problem.line, problem.column) == (line, 5)
    assert problem.field == "sections[1].haeding"
    assert "不認得的欄位「haeding」" in problem.message
    assert "是不是要寫「heading」？" in problem.hint
    assert str(problem).startswith(f"plans/x.yaml:{line}:5: 貳、（第 2 章） › haeding（sections[1].haeding）\n    錯誤：")


def test_number_where_a_document_number_must_be_text():
    text = SAMPLE.replace("number: 範府研發字第11030001300號", "number: 11030001300")
    problem = only_error(text)
    assert problem.field == "basis[0].number"
    assert problem.expected == "應該是文字"
    assert '"11030001300"' in problem.hint  # tells how to quote it


def test_list_where_text_is_expected():
    text = SAMPLE.replace("title: 範例區公所114年度提升服務執行計畫", "title:\n  - 範例\n  - 計畫")
    problem = only_error(text)
    assert problem.field == "title" and "清單" in problem.message and (problem.line, problem.column) == (3, 1)


def test_missing_required_field_names_the_field():
    text = SAMPLE.replace("  city: 新北市\n", "")
    problem = only_error(text)
    assert problem.field == "agency.city"
    assert "缺少必填欄位「city」" in problem.message
    assert problem.line == 5  # the agency mapping starts here


def test_duplicate_keys_are_not_silently_overwritten():
    text = SAMPLE.replace("year: 114\n", "year: 114\nyear: 115\n")
    problem = only_error(text)
    assert "欄位「year」重複出現" in problem.message and "第 9 行" in problem.message
    assert problem.line == 10


def test_date_that_does_not_exist():
    text = SAMPLE.replace("published: 2025-01-22", "published: 2024-02-30")
    problem = only_error(text)
    assert problem.field == "published"
    assert "「2024-02-30」不是有效的日期" in problem.message
    assert "1911" in problem.hint


def test_year_that_does_not_match_the_dates():
    text = SAMPLE.replace("published: 2025-01-22", "published: 2019-01-22")
    problem = only_error(text)
    assert problem.field == "published"
    assert "與計畫年度 114 年對不起來" in problem.message


def test_yaml_syntax_error_is_located_where_it_starts():
    text = SAMPLE.replace("title: 範例區公所114年度提升服務執行計畫", 'title: "範例區公所114年度提升服務執行計畫')
    problem = only_error(text)
    assert (problem.line, problem.column) == (3, 8)  # where the unclosed quote opens, not where the parser gave up
    assert problem.message == '這裡開始的引號 " 沒有結束' and problem.hint


def test_tab_indentation_is_named():
    text = SAMPLE.replace("  name: 範例市範例區公所", "\tname: 範例市範例區公所")
    problem = only_error(text)
    assert "Tab" in problem.message and problem.line == 6


def test_empty_file():
    problem = only_error("# only a comment\n")
    assert problem.message == "檔案是空的"


def test_big5_file_says_how_to_convert():
    problem = only_error(SAMPLE.encode("big5", errors="replace"))
    assert "不是 UTF-8" in problem.message and "Big5" in problem.message
    assert "iconv -f BIG5 -t UTF-8" in problem.hint


def test_bom_and_crlf_are_normal():
    plan, problems = problems_of(b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    assert plan is not None and problems == []
    # Line breaks inside text stay plain \n.
    assert "\r" not in repr(plan)


@pytest.mark.parametrize("line_break", ["\r", "\x85", "\u2028", "\u2029"], ids=["CR", "NEL", "LS", "PS"])
def test_every_line_break_yaml_reads_is_a_line_of_the_message(line_break: str):
    """An old Mac's CR, or a separator pasted from elsewhere, ends a line for YAML: the message names
    the line the parser means, and shows that line."""
    text = SAMPLE.replace("\n", line_break).replace(line_break + "title:", line_break + "  title:", 1)
    problem = only_error(text.encode("utf-8"))
    assert (problem.line, problem.column) == (3, 8)  # the line indented under `id`, as an editor counts it


def test_plan_files_read_through_libyaml_give_what_ruamel_yaml_alone_gives():
    """The C parser's events (``ruamel.yaml.clib``) give the same data, positions, comments and
    messages as the pure Python parser, for every plan, results report and slip in the repository;
    the files it does not take (slips, tabs, directives, empty values) are read by the pure one."""
    from build_scripts.plan import yaml_positions

    assert yaml_positions.CParser is not None  # installed with the package
    files = sorted({*ROOT.glob("plans/*.yaml"), *(ROOT / "tests").rglob("*.yaml")})
    fast = 0
    for path in files:
        raw = path.read_bytes()
        with_c = yaml_positions._load_located(raw, path.name).to_json()
        text = yaml_positions.input_bounds.decode(raw, path.name)
        fast += isinstance(text, str) and yaml_positions._compose_fast(text) is not None
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(yaml_positions, "CParser", None)
            assert yaml_positions._load_located(raw, path.name).to_json() == with_c, path
    assert len(files) > 100 and fast > len(files) // 2  # most are read by libyaml


def test_wrong_enum_value_suggests_the_closest():
    problem = only_error(SAMPLE.replace("type: 區公所", "type: 區公"))
    assert problem.field == "agency.type" and "是不是要寫「區公所」？" in problem.hint


def test_identifier_that_could_leave_its_folder():
    problem = only_error(SAMPLE.replace("id: sample-114", "id: ../../etc"))
    assert problem.field == "id" and "不能當代號" in problem.message


def test_invisible_characters_are_reported_as_warnings():
    plan, problems = problems_of(SAMPLE.replace("提升本所行政效能。", "提升本所\u200b行政效能。"))
    assert plan is not None
    assert [p.severity for p in problems] == [Severity.warning]
    assert "U+200B" in problems[0].message


def test_all_problems_in_all_files_in_one_run(tmp_path: Path):
    a = SAMPLE.replace("id: sample-114", "id: a").replace("  city: 新北市\n", "").replace("year: 114", "year: 一一四")
    (tmp_path / "a.yaml").write_text(a, "utf-8")
    (tmp_path / "sample-114.yaml").write_text(SAMPLE, "utf-8")
    (tmp_path / "sample-114.yml").write_text(SAMPLE.replace("title: 範例", "title: 另一個範例"), "utf-8")  # the same id
    (tmp_path / "other.yaml").write_text(SAMPLE, "utf-8")  # its id is not its file name
    plans, problems = load_plans(sorted(tmp_path.glob("*.y*ml")), tmp_path)
    messages = [str(p) for p in problems]
    assert any(m.startswith("a.yaml:5:") and "city" in m for m in messages)
    assert any(m.startswith("a.yaml:8:1: 年度（民國）（year）") and "應該是整數" in m for m in messages)
    assert any(m.startswith("other.yaml:2:5: 計畫代號（id）") and "與檔名「other.yaml」不一致" in m for m in messages)
    assert any(m.startswith("sample-114.yml:2:1: 計畫代號（id）") and "與 sample-114.yaml 重複" in m for m in messages)
    assert [p.plan.id for p in plans] == ["sample-114"]


def test_validate_command_reports_and_fails_without_traceback(tmp_path: Path):
    (tmp_path / "sample-114.yaml").write_text(SAMPLE.replace("heading: 計畫目標", "headng: 計畫目標"), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "sample-114.yaml:" in result.stderr and "headng" in result.stderr and "是不是要寫「heading」？" in result.stderr


def test_validate_command_accepts_the_seed_plans():
    result = subprocess.run([sys.executable, "-m", "build_scripts", "validate"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "5 個計畫檔、2 個成果檔都正確" in result.stdout


@pytest.mark.parametrize("bad", ["year: true", "year: 114.5", "sections: []", "sections: 計畫"])
def test_other_wrong_types_are_located(bad: str):
    key = bad.split(":")[0]
    text = SAMPLE.replace("year: 114", bad) if key == "year" else SAMPLE.split("sections:")[0] + bad + "\n"
    plan, problems = problems_of(text)
    found = errors(problems)
    assert plan is None and found
    assert all(p.line > 0 and p.field.startswith(key) for p in found), [str(p) for p in found]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "../secret.html",
        "//evil.example",
        "vbscript:x",
        "https://",
        "mailto:",
    ],
)
def test_links_other_than_http_mailto_and_tel_are_refused(url: str):
    text = SAMPLE.replace("url: https://www.example.gov.tw/plan?id=1&lang=zh-TW", f"url: '{url}'")
    problem = only_error(text)
    assert problem.field == "links[0].url"
    assert problem.line == SAMPLE.splitlines().index("    url: https://www.example.gov.tw/plan?id=1&lang=zh-TW") + 1
    assert "這不是可以使用的連結網址" in problem.message and "mailto:" in problem.expected


@pytest.mark.parametrize(
    "url",
    [
        "https://www.kcg.gov.tw/",
        "http://example.gov.tw/a?b=1&c=2",
        "mailto:service@example.gov.tw",
        "tel:07-5713121",
        "tel:+886-7-5713121",
    ],
)
def test_http_mailto_and_tel_links_are_accepted(url: str):
    plan, problems = problems_of(SAMPLE.replace("url: https://www.example.gov.tw/plan?id=1&lang=zh-TW", f"url: '{url}'"))
    assert plan is not None and errors(problems) == []
    assert plan.links[0].url == url


def test_composed_yaml_is_cached_by_content_with_its_positions_and_warnings(tmp_path: Path, monkeypatch):
    from build_scripts.cache import FileCache
    from build_scripts.plan import yaml_positions as located
    from build_scripts.plan.load import load_directory

    plans_dir = tmp_path / "plans"
    plans_dir.mkdir()
    (plans_dir / "a.yaml").write_text(SAMPLE.replace("- 提升本所行政效能。", "- 提升\u200b本所行政效能。"), "utf-8")
    (plans_dir / "b.yaml").write_text(SAMPLE.replace("published: 2025-01-22", "published: 2024-02-30"), "utf-8")
    cache = FileCache(tmp_path / "cache", ".json")
    first = load_directory(plans_dir, tmp_path, cache)
    calls = []
    original = located._load_located
    monkeypatch.setattr(located, "_load_located", lambda raw, name: calls.append(name) or original(raw, name))
    again = load_directory(plans_dir, tmp_path, cache)
    assert calls == []
    assert again[1] == first[1] and [str(p) for p in again[1]] == [str(p) for p in first[1]]
    assert [p.plan for p in again[0]] == [p.plan for p in first[0]]
    assert any(p.severity is Severity.warning and p.line == 33 for p in again[1])  # the invisible character
    # A changed file is composed again.
    (plans_dir / "b.yaml").write_text(SAMPLE, "utf-8")
    load_directory(plans_dir, tmp_path, cache)
    assert calls == ["plans/b.yaml"]


def test_index_cannot_be_a_plan_id_because_it_is_the_agency_page():
    problem = only_error(SAMPLE.replace("id: sample-114", "id: index"))
    assert problem.field == "id" and "保留字" in problem.message


def test_one_agency_id_with_two_names_is_refused(tmp_path: Path):
    (tmp_path / "sample-114.yaml").write_text(SAMPLE, "utf-8")
    other = SAMPLE.replace("id: sample-114", "id: sample-115").replace("name: 範例市範例區公所", "name: 範例市另一區公所")
    (tmp_path / "sample-115.yaml").write_text(other, "utf-8")
    plans, problems = load_plans([tmp_path / "sample-114.yaml", tmp_path / "sample-115.yaml"], tmp_path)
    assert [p.plan.id for p in plans] == ["sample-114"]
    (problem,) = errors(problems)
    assert (problem.file, problem.field) == ("sample-115.yaml", "agency.name")
    assert problem.line == other.splitlines().index("  name: 範例市另一區公所") + 1
    assert (
        "機關代號「sample-district-office」在 sample-114.yaml 的機關名稱是「範例市範例區公所」，這裡卻是「範例市另一區公所」"
        in problem.message
    )


def test_the_readme_example_is_a_valid_plan():
    """The plan file a webmaster copies from the README passes every check, its comments included."""
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = [block.split("```", 1)[0] for block in readme.split("```yaml\n")[1:]]
    example = next(block for block in blocks if "\nid: " in block)  # the first whole plan
    plan, problems = problems_of(example, "plans/kaohsiung-cijin-114.yaml")
    assert plan is not None and problems == [], [str(p) for p in problems]
    assert plan.sections[0].blocks[0] == "提升本所行政效能。"


def test_spaces_at_the_ends_of_one_line_fields_are_trimmed():
    text = SAMPLE.replace("title: 範例區公所114年度提升服務執行計畫", "title: 　範例區公所114年度提升服務執行計畫　")
    text = text.replace("  - heading: 計畫目標", '  - heading: "計畫目標 "')
    plan, problems = problems_of(text)
    assert plan is not None and errors(problems) == []
    assert plan.title == "範例區公所114年度提升服務執行計畫"
    assert plan.sections[1].heading == "計畫目標"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path):
    from build_scripts.plan.input_bounds import MAX_FILE_BYTES
    from build_scripts.plan.load import load_directory

    plans_dir = tmp_path / "plans"
    plans_dir.mkdir()
    filler = "\n".join(f"# 註解第 {n} 行，把檔案撐大" for n in range(30_000))
    (plans_dir / "huge.yaml").write_text(SAMPLE.replace("id: sample-114", "id: huge") + filler, "utf-8")
    assert (plans_dir / "huge.yaml").stat().st_size > MAX_FILE_BYTES
    plans, problems = load_directory(plans_dir, tmp_path)
    assert plans == []
    (problem,) = problems
    assert problem.file == "plans/huge.yaml" and "檔案太大" in problem.message and "512 KB" in problem.expected


def test_nesting_deeper_than_the_parser_can_follow_is_one_located_message():
    deep = SAMPLE.replace("      - 提升本所行政效能。", "      -" + " -" * 3000 + " 太深", 1)
    plan, problems = problems_of(deep)
    assert plan is None
    (problem,) = problems
    assert (problem.line, "層次太深" in problem.message) == (33, True)


def test_only_plan_files_of_the_folder_are_read_and_every_other_entry_is_named(tmp_path: Path):
    """Hidden files (macOS's ._name too) are skipped in silence; subfolders, links out of the project,
    links to nothing and pipes are named in a warning and not published."""
    import os

    from build_scripts.plan.load import load_directory

    project = tmp_path / "project"
    plans_dir = project / "plans"
    plans_dir.mkdir(parents=True)
    (plans_dir / "sample-114.yaml").write_text(SAMPLE, "utf-8")
    (plans_dir / "._sample-114.yaml").write_bytes(b"\x00\x05\x16\x07Mac OS X resource fork")
    (plans_dir / "old").mkdir()
    (plans_dir / "old" / "old-113.yaml").write_text(SAMPLE.replace("id: sample-114", "id: old-113"), "utf-8")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(SAMPLE.replace("id: sample-114", "id: elsewhere"), "utf-8")
    (plans_dir / "elsewhere.yaml").symlink_to(outside)
    (plans_dir / "gone.yaml").symlink_to(tmp_path / "missing.yaml")
    (plans_dir / "loop.yaml").symlink_to(plans_dir / "loop.yaml")
    os.mkfifo(plans_dir / "pipe.yaml")
    drafts = project / "drafts"
    drafts.mkdir()
    (drafts / "linked-114.yaml").write_text(SAMPLE.replace("id: sample-114", "id: linked-114"), "utf-8")
    (plans_dir / "linked-114.yaml").symlink_to(drafts / "linked-114.yaml")

    plans, problems = load_directory(plans_dir, project)
    assert sorted(p.plan.id for p in plans) == ["linked-114", "sample-114"]
    skipped = {p.file: p for p in problems}
    assert set(skipped) == {f"plans/{name}" for name in ("old", "elsewhere.yaml", "gone.yaml", "loop.yaml", "pipe.yaml")}
    assert all(p.severity is Severity.warning and p.message == "這個檔案不會被發布" for p in problems)
    assert "專案以外" in skipped["plans/elsewhere.yaml"].hint and "子資料夾" in skipped["plans/old"].expected
    assert "不存在" in skipped["plans/gone.yaml"].hint and "特殊檔案" in skipped["plans/pipe.yaml"].hint


def _plans_folder(tmp_path: Path, count: int) -> Path:
    """``count`` plans, the second with an error and the third with a warning."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for n in range(count):
        text = SAMPLE.replace("id: sample-114", f"id: p{n:02}")
        if n == 1:
            text = text.replace("published: 2025-01-22", "published: 2024-02-30")
        if n == 2:
            text = text.replace("- 提升本所行政效能。", "- 提升\u200b本所行政效能。")
        (folder / f"p{n:02}.yaml").write_text(text, "utf-8")
    return folder


def _worker_dies(item: object) -> None:
    import os

    os._exit(1)


def test_many_files_not_checked_before_are_checked_in_worker_processes_with_the_same_outcome(tmp_path: Path, monkeypatch):
    import os

    from build_scripts.cache import FileCache
    from build_scripts.plan import load

    folder = _plans_folder(tmp_path, load.CHECK_AHEAD + 4)
    alone = load_directory(folder, tmp_path)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parsed: list[str] = []
    original = load._load
    monkeypatch.setattr(load, "_load", lambda path, name, cache: parsed.append(name) or original(path, name, cache))
    checked = FileCache(tmp_path / "checked", ".json")
    plans, problems = load_directory(folder, tmp_path, FileCache(tmp_path / "yaml", ".json"), checked)
    assert parsed == []  # every file was read and checked by the workers
    assert len(list((tmp_path / "checked").glob("*.json"))) == load.CHECK_AHEAD + 4
    assert [str(p) for p in problems] == [str(p) for p in alone[1]]
    assert any("2024-02-30" in str(p) for p in errors(problems)) and any(p.severity is Severity.warning for p in problems)
    assert [p.plan for p in plans] == [p.plan for p in alone[0]] and len(plans) == load.CHECK_AHEAD + 3


def test_a_worker_lost_while_checking_leaves_the_files_to_the_build(tmp_path: Path, monkeypatch):
    import os

    from build_scripts.cache import FileCache
    from build_scripts.plan import load

    folder = _plans_folder(tmp_path, load.CHECK_AHEAD)
    alone = load_directory(folder, tmp_path)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(load, "_check_file", _worker_dies)
    plans, problems = load_directory(folder, tmp_path, FileCache(tmp_path / "yaml", ".json"), FileCache(tmp_path / "c", ".json"))
    assert [str(p) for p in problems] == [str(p) for p in alone[1]]
    assert [p.plan for p in plans] == [p.plan for p in alone[0]]
