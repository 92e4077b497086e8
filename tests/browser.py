"""A real Chromium and a local web server: see build_scripts.browser."""

from build_scripts.browser import CHROMIUM, CHROMIUM_ARGS, chromium, serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "chromium", "serve"]
