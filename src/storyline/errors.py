"""The one exception tree of storyline.

Every error a user can meet derives from :class:`StorylineError`; its message says
what went wrong and what to do about it, in one line.

    StorylineError
    ├── InputError                  an input could not be turned into an article
    │   ├── UnreadableInput         missing, empty, binary, oversized or wrongly encoded file
    │   ├── MalformedInput          a JSONL line that is not a JSON object with text or html
    │   ├── NoArticleFound          HTML or text in which no article body was found
    │   └── FetchError              a URL that could not be fetched (network, status, size)
    ├── PipelineError               the stage chain is inconsistent (checked before a run)
    ├── StageFailed                 a stage raised on one article (that article is skipped)
    ├── StoreError                  the database cannot be opened, is too new, or is read-only
    ├── NotInStore                  an id asked for (an event) that the database does not hold
    ├── ExportError                 an export format or target the command cannot write
    │   └── OutputError             a file or folder named with -o that is not written
    │       ├── OutputExists        an existing file or non-empty folder (--force overwrites)
    │       ├── OutputIsInput       the database being read (refused even with --force)
    │       └── OutputUnwritable    the wrong kind of target ('-' for a folder, a folder for
    │                               a file), or the system refused the write
    ├── AskError                    a question that cannot be asked, or a failing --llm server
    ├── ServeError                  the web server cannot start with the options given
    └── WatchError                  storyline watch cannot start or a watched source fails
        ├── WatchLocked             another watch already writes to the database
        ├── BadSource               a source that is not a URL or a readable list of them
        └── FeedError               a feed or sitemap that cannot be fetched or parsed

Inputs that fail do not stop a run: the runner turns an :class:`InputError` into a
:class:`storyline.document.Skipped` result with the message as its reason, and so does
the engine with a :class:`StageFailed` (a stage that raised on one article).
"""

from __future__ import annotations


class StorylineError(Exception):
    """Root of every error storyline raises on purpose."""


class InputError(StorylineError):
    """An input could not be turned into an article; the run goes on without it."""


class UnreadableInput(InputError):
    """A file that is missing, empty, binary, oversized or not decodable as text."""


class MalformedInput(InputError):
    """A structured input (a JSONL line) that does not have the expected shape."""


class NoArticleFound(InputError):
    """A page or text in which no article body could be found."""


class FetchError(InputError):
    """A URL that could not be fetched: unreachable, an error status, too large."""


class PipelineError(StorylineError):
    """The stage chain is inconsistent: a stage needs a layer nothing earlier adds."""


class StageFailed(StorylineError):
    """A stage raised on one article: the article is skipped with this as its reason and the
    run goes on with the others."""


class StoreError(StorylineError):
    """The database cannot be opened, has a newer schema, or cannot be written."""


class NotInStore(StorylineError):
    """An id asked for on the command line (an event) that the database does not hold."""


class ExportError(StorylineError):
    """An export that cannot be written (unknown format, unwritable target)."""


class OutputError(ExportError):
    """A file or folder named with ``-o`` that storyline does not write (see outputs.py)."""


class OutputExists(OutputError):
    """An existing file, link or non-empty folder; ``--force`` writes over it."""


class OutputIsInput(OutputError):
    """The database being read, or its -wal/-shm/-journal file: refused even with --force."""


class OutputUnwritable(OutputError):
    """A target of the wrong kind, or one the operating system refused to write."""


class AskError(StorylineError):
    """A question that cannot be asked (empty) or a language model server that fails."""


class ServeError(StorylineError):
    """The web server cannot start as asked (a port out of range, no names to answer to)."""


class WatchError(StorylineError):
    """``storyline watch`` cannot start, or a watched source failed (reported, retried)."""


class WatchLocked(WatchError):
    """Another ``storyline watch`` holds the database (one long-running writer)."""


class BadSource(WatchError):
    """A source that is neither an http(s) URL nor a readable file listing them."""


class FeedError(WatchError):
    """A feed or sitemap that could not be fetched or parsed; the other sources go on."""
