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

from ..publish.os_errors import os_error_message
from ..render.environment import use_templates
from ..settings import SettingsError, load_settings
from . import build, check, generate, importing, pdf, schema, validate

COMMANDS = (validate, build, generate, importing, pdf, check, schema)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="plansite", description="把 plans/ 裡的計畫 YAML 產生為主動公開資訊網頁。")
    top.add_argument("-f", "--config-file", type=Path, help="MkDocs 設定檔（預設 ./mkdocs.yml）")
    sub = top.add_subparsers(dest="command", required=True, metavar="命令")
    for command in COMMANDS:
        command.add_parser(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.settings = load_settings(args.config_file)
        use_templates(args.settings.templates_dir)  # the site's own templates, for every command
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
