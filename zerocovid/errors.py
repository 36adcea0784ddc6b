"""The one exception type for bad input."""


class CorpusError(ValueError):
    """A corpus file, the manifest or a lexicon is unusable.

    The message names the file (and line or field), says what is wrong and how to
    fix it. ``problems`` holds every problem found when several are reported at once.
    """

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]
