"""Import: an agency's own document (DOCX, ODT, PDF, or text copied out of one) → a draft plan file.

``read_source`` picks the reader by the file's kind (``docx``, ``odt``, ``pdf``, ``text``), ``recognise``
finds the plan in what was read (``outline`` for its sections, ``agency`` and ``ids`` for who wrote it),
``emit`` writes it as a plan file that opens with ``draft: true`` and has a comment on every guess;
``import_file`` does all three and checks the result like any plan file before anything is written.
"""
