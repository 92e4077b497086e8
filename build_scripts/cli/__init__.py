"""Command line: ``plansite validate | build | generate | import | pdf | check | schema``.

A thin adapter over the library, one module per command. Every command reads the project's
mkdocs.yml (``-f`` names another one) for its settings, so a custom ``plans_dir`` is honoured
everywhere. Messages are in Traditional Chinese; a bad plan file gives located messages and exit
status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from ..publish.os_errors import os_error_message
from ..render.environment import use_templates
from ..settings import SettingsError, load_settings
from . import build, check, generate, importing, pdf, schema, validate

COMMANDS = (validate, build, generate, importing, pdf, check, schema)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """argparse in the webmaster's words: 用法, 參數, 選項, the help option and errors in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(formatter_class=_Formatter, add_help=False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "參數"
        self._optionals.title = "選項"
        self.add_argument("-h", "--help", action="help", help="顯示這段說明後結束")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{_in_chinese(message)}\n請執行 {self.prog} --help 看用法。\n")


def _in_chinese(message: str) -> str:
    """argparse's own error messages, translated; anything else as it is."""
    for english, chinese in (
        ("the following arguments are required: ", "缺少必要的參數："),
        ("unrecognized arguments: ", "不認得的參數："),
        ("invalid choice: ", "不能用的選擇："),
        ("expected one argument", "這個選項後面要接一個值"),
        ("(choose from ", "（可以選 "),
        ("argument ", "參數 "),
    ):
        message = message.replace(english, chinese)
    return message


def parser() -> argparse.ArgumentParser:
    top = ChineseParser(prog="plansite", description="把 plans/ 裡的計畫 YAML 產生為主動公開資訊網頁。")
    top.add_argument("-f", "--config-file", type=Path, help="MkDocs 設定檔（預設 ./mkdocs.yml）")
    sub = top.add_subparsers(dest="command", required=True, metavar="命令名稱", title="命令", parser_class=ChineseParser)
    for command in COMMANDS:
        command.add_parser(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.settings = load_settings(args.config_file)
        # the site's own templates, for every command, compiled once for the builds after
        use_templates(args.settings.templates_dir, args.settings.cache_dir)
        result: int = args.run(args)
        return result
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中斷。", file=sys.stderr)
        return 130
    except OSError as exc:  # a full disk, a read-only folder …: said in Chinese, never a traceback
        print(os_error_message(exc, "無法讀寫檔案"), file=sys.stderr)
        return 1
