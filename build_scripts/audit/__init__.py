"""The audit of a built site: the Taiwan rules (with a small DOM and a CSS check), axe-core in
Chromium, the Nu Html Checker, PDF/UA-1, and the reports of ``plansite check``."""
