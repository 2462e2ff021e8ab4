"""Cross-document resolution: entities (and, later, events, figure groups, positions)."""
