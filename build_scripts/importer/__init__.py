"""Import: an agency's own document (DOCX, ODT, or text copied out of one) → a plan file.

``read_source`` picks the reader by the file's kind, ``recognise`` finds the plan in what was read,
``emit`` writes it as a plan file with a comment on every guess; ``import_file`` does all three and
checks the result like any plan file before anything is written.
"""
