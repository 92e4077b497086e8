"""Plan files → a typed plan model, or located problems: YAML with positions, the model and its
JSON Schema, loading, cross-field checks, and messages in the webmaster's words."""
