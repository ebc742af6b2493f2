"""The question bank: schema, legal-source registry, loading, checks and statistics.

This is the lowest layer (quizzes → widgets → grading); it imports neither of the others.
"""

from .bank import BANK_DIR, BankLoad, LoadedQuestion, load_bank, load_questions
from .checks import check_bank
from .problems import ContentError, Problem
from .schema import SCHEMA_VERSION, Citation, Question, QuestionType, Status, Topic
from .sources import Registry, load_registry
from .stats import bank_stats

__all__ = [
    "BANK_DIR",
    "SCHEMA_VERSION",
    "BankLoad",
    "Citation",
    "ContentError",
    "LoadedQuestion",
    "Problem",
    "Question",
    "QuestionType",
    "Registry",
    "Status",
    "Topic",
    "bank_stats",
    "check_bank",
    "load_bank",
    "load_questions",
    "load_registry",
]
