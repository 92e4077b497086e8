"""`make bench`: speed and memory figures, printed (never a pass/fail test). See __main__."""
