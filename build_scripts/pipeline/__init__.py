"""The engine-neutral build: one session of stages that every engine adapter drives (``session.py``)."""
