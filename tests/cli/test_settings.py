"""Every command reads the project's mkdocs.yml: a custom plans_dir is honoured everywhere."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.settings import Options, load_settings

from ..support.project import FIXTURES

MKDOCS_YML = """\
site_name: 測試
docs_dir: pages
site_dir: public
theme:
  name: material
plugins:
  - disclosure:
      plans_dir: agency-plans
      section: open-info
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose plans are not in plans/ and whose pages are not in content/."""
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "index.md").write_text("# 首頁\n", "utf-8")
    (tmp_path / "agency-plans").mkdir()
    shutil.copy(FIXTURES / "plans" / "sample-114.yaml", tmp_path / "agency-plans" / "sample-114.yaml")
    (tmp_path / "plans").mkdir()  # the default folder holds a broken file that must not be read
    (tmp_path / "plans" / "broken.yaml").write_text("id: [\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_settings_come_from_mkdocs_yml(project: Path):
    settings = load_settings()
    assert settings.plans_dir == project / "agency-plans"
    assert settings.docs_dir == project / "pages"
    assert settings.site_dir == project / "public"
    assert settings.section == "open-info"


def test_without_mkdocs_yml_every_option_has_the_plugin_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    defaults = Options()
    settings = load_settings()
    assert settings.plans_dir == tmp_path / defaults.plans_dir
    assert settings.section == defaults.section


def test_validate_reads_the_plans_dir_of_mkdocs_yml(project: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["validate"]) == 0
    assert "1 個計畫檔都正確" in capsys.readouterr().out


def test_generate_writes_the_section_of_mkdocs_yml_into_its_docs_dir(project: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["generate"]) == 0, capsys.readouterr().err
    assert (project / "pages" / "open-info" / "index.md").is_file()
    assert (project / "pages" / "open-info" / "new-taipei" / "sample-district-office" / "sample-114.md").is_file()
    assert not (project / "content").exists()


def test_another_config_file_is_named_with_f(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    other = project / "other.yml"
    other.write_text(MKDOCS_YML.replace("agency-plans", "plans"), "utf-8")
    assert main(["-f", str(other), "validate"]) == 1  # now the broken file in plans/ is read
    assert "broken.yaml" in capsys.readouterr().err


def test_a_missing_config_file_is_explained(project: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["-f", "nowhere.yml", "validate"]) == 2
    assert "找不到設定檔 nowhere.yml" in capsys.readouterr().err


def test_the_environment_is_read_when_needed_not_at_import(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from build_scripts import settings

    monkeypatch.setenv("PLANSITE_CACHE", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("CHROMIUM", "/opt/other-chromium")
    monkeypatch.setenv("CI", "1")
    assert settings.cache_dir(tmp_path) == tmp_path / "elsewhere"
    assert settings.chromium() == "/opt/other-chromium"
    assert settings.in_ci()
    monkeypatch.delenv("PLANSITE_CACHE")
    assert settings.cache_dir(tmp_path) == tmp_path / ".plansite-cache"


def test_example_site_urls_are_recognised():
    from build_scripts.settings import is_example_url

    assert is_example_url("https://plans.example.gov.tw/") and is_example_url(None) and is_example_url("")
    assert not is_example_url("https://www.cijin.kcg.gov.tw/plans/")


def test_mkdocs_yml_is_read_without_mkdocs_with_inherit_env_and_python_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Engines other than MkDocs read mkdocs.yml too: so do the commands, with what engines add to YAML."""
    (tmp_path / "base.yml").write_text("site_name: 上層\nplugins:\n  - disclosure:\n      section: open-info\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_url: !ENV [PLANSITE_TEST_URL, 'https://fallback.example.gov.tw/']\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANSITE_TEST_URL", "https://www.test.gov.tw/plans")
    settings = load_settings()
    assert settings.section == "open-info" and settings.publication.site_name == "上層"
    assert settings.publication.site_url == "https://www.test.gov.tw/plans/"


def test_a_misspelt_option_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - disclosure:\n      plan_dir: x\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert "沒有「plan_dir」這個設定" in err and "plans_dir" in err


def test_help_and_usage_errors_are_in_chinese(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert "用法：plansite" in shown and "顯示這段說明後結束" in shown and "show this help" not in shown and "usage:" not in shown
    with pytest.raises(SystemExit) as stopped:
        main(["build", "--engine", "hugo"])
    err = capsys.readouterr().err
    assert (
        stopped.value.code == 2
        and "不能用的選擇" in err
        and "invalid choice" not in err
        and "請執行 plansite build --help" in err
    )


def test_the_readme_settings_examples_are_read_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """Each `plugins: - disclosure:` block a webmaster copies from the README is a valid mkdocs.yml as it stands."""
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    blocks = [textwrap.dedent(block.split("```", 1)[0]) for block in readme.split("```yaml\n")[1:]]
    examples = [block for block in blocks if block.startswith("plugins:\n  - disclosure:")]
    assert len(examples) >= 2
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    agencies = []
    for example in examples:
        (tmp_path / "mkdocs.yml").write_text("site_name: 範例\n" + example, "utf-8")
        assert main(["validate"]) == 0, capsys.readouterr().err
        agencies.append(load_settings().publication.identity.agency)
    assert "高雄市旗津區公所" in agencies
