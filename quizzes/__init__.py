"""The question bank: schema, legal-source registry, loading, checks and statistics.

This is the lowest layer (quizzes → widgets → grading); it imports neither of the others.
Names are resolved lazily (PEP 562) so that `dancoso --help` does not pay for pydantic/YAML.
"""

from importlib import import_module

_EXPORTS = {
    "BANK_DIR": "bank",
    "BankLoad": "bank",
    "LoadedQuestion": "bank",
    "load_bank": "bank",
    "load_questions": "bank",
    "check_bank": "checks",
    "ContentError": "problems",
    "Problem": "problems",
    "SCHEMA_VERSION": "schema",
    "Citation": "schema",
    "Question": "schema",
    "QuestionType": "schema",
    "Status": "schema",
    "Topic": "schema",
    "Registry": "sources",
    "load_registry": "sources",
    "bank_stats": "stats",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'quizzes' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
