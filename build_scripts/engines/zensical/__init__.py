"""Zensical: the build session around its command line (it runs no plugins): ``build.py``, ``config.py``."""
