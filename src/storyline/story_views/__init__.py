"""Views of a story built from its stored facts: the brief (a cited summary) and the framing
(how each outlet tells it). Each is a frozen dataclass with ``to_dict()``."""
