"""The `dancoso` command line: one entry point over the quizzes, widgets and grading packages."""

__all__: list[str] = []
