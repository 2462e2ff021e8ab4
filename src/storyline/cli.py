"""The command line: one thin function per command. Every command is documented in docs/cli.md."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.text import Text

from storyline import __version__
from storyline.errors import StorylineError
from storyline.sanitize import terminal_text

if TYPE_CHECKING:
    from storyline.document import CleanMode
    from storyline.engines.loader import RunReport
    from storyline.store.lists import ListQueries

app = typer.Typer(
    name="storyline",
    help="Turn a pile of news articles into a cited, cross-checked story database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DEFAULT_DB = Path("storyline.db")
DbOption = Annotated[
    Path, typer.Option("--db", help="The story database (an SQLite file).", dir_okay=False)
]


ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Write over an existing -o file, or into a non-empty -o folder (only the "
        "files the export writes are replaced). The database read is never written over.",
    ),
]


def _say(text: str, style: str = "", console: Console = out) -> None:
    """Print one line of data; article text never reaches the terminal with control or
    bidi characters in it (:func:`storyline.sanitize.terminal_text`)."""
    console.print(Text(terminal_text(text), style=style))


def _fail(exc: StorylineError) -> typer.Exit:
    _say(f"error: {exc}", console=err)
    return typer.Exit(code=2)


def _wrote(target: Path, what: str) -> None:
    from storyline.outputs import is_stdout, shares_stdout

    if shares_stdout(target):  # standard output carries the data: the note goes to stderr
        where = "standard output" if is_stdout(target) else f"{target} (standard output)"
        _say(f"wrote {what} to {where}", console=err)
    else:
        _say(f"wrote {target} ({what})")


def _version(value: bool) -> None:
    if value:
        out.print(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn a pile of news articles into a cited, cross-checked story database."""


def _clean_mode(value: str) -> CleanMode | None:
    """``--clean``: None for auto (each input cleaned as its kind says), else the mode."""
    from storyline.document import CLEAN_MODES

    for mode in CLEAN_MODES:
        if value == mode:
            return mode
    if value == "auto":
        return None
    raise _fail(
        StorylineError(f"unknown cleaning mode {value!r}; use --clean auto, full, light or none")
    )


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt, .md, .html, .htm, .jsonl), folders (read recursively) or "
            "http(s):// URLs.",
            metavar="PATH",
            show_default=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the summary, no progress bar.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Processes for the per-document work (default: one per core).",
            show_default=False,
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="Where the per-document work runs: local or spark.")
    ] = "local",
    spark_master: Annotated[
        str,
        typer.Option("--spark-master", help="With --engine spark: the Spark master URL."),
    ] = "local[*]",
    parquet: Annotated[
        str | None,
        typer.Option(
            "--parquet",
            help="With --engine spark: where the per-document results go (default DB.parquet).",
            show_default=False,
        ),
    ] = None,
    clean: Annotated[
        str,
        typer.Option(
            "--clean",
            help="How to clean article text: auto (by input kind), full, light or none.",
        ),
    ] = "auto",
) -> None:
    """Analyse articles into the story database (new and changed articles only)."""
    from storyline.engines.local import analyze as analyze_local
    from storyline.engines.signals import Stopped, stop_on_signals
    from storyline.engines.signals import exit_code as interrupt_exit_code
    from storyline.engines.workers import worker_count

    if engine not in ("local", "spark"):
        raise _fail(StorylineError(f"unknown engine {engine!r}; use --engine local or spark"))
    mode = _clean_mode(clean)

    def run(paths: list[str], db: Path, on_progress: Callable[[str, str], None]) -> RunReport:
        if engine == "spark":
            from storyline.engines.spark import analyze_spark

            return analyze_spark(
                paths, db, master=spark_master, parquet=parquet, on_progress=on_progress, clean=mode
            )
        return analyze_local(
            paths, db, on_progress=on_progress, workers=worker_count(workers), clean=mode
        )

    progress = Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}"),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )
    try:
        with stop_on_signals(), progress:  # SIGTERM, SIGHUP stop the run as Ctrl-C does
            task = progress.add_task("analysing", total=None, last="")

            def advance(source: str, outcome: str) -> None:
                progress.update(
                    task, advance=1, last=Text(terminal_text(f"{outcome}: {Path(source).name}"))
                )

            report = run(paths, db, on_progress=advance)
    except StorylineError as exc:
        raise _fail(exc) from exc
    except KeyboardInterrupt as exc:
        by = f" by {exc.name}" if isinstance(exc, Stopped) else ""
        err.print(
            f"interrupted{by}: every document stored so far is complete; run the same "
            "command again to finish"
        )
        raise typer.Exit(code=interrupt_exit_code(exc)) from None

    parts = [
        f"{len(report.analysed)} analysed",
        f"{len(report.reanalysed)} re-analysed",
        f"{len(report.unchanged)} unchanged",
        f"{len(report.duplicates)} duplicates",
        f"{len(report.not_analysed)} not analysed",
        f"{len(report.skipped)} skipped",
    ]
    _say(f"{', '.join(parts)}; {report.entities} entities; {report.seconds:.1f} s; database {db}")
    for source, first in report.duplicates:
        _say(f"duplicate     {source}: same article as {first}; stored once")
    for source, reason in report.not_analysed:
        _say(f"not analysed  {source}: {reason}")
    for item in report.skipped:
        _say(f"{item.action:<13} {item.source}: {item.reason}")
    if not report.stored_anything:
        err.print("error: no article could be analysed; see the reasons above")
        raise typer.Exit(code=1)


@app.command()
def remove(
    source: Annotated[
        str,
        typer.Argument(
            help="A source as stored (see 'storyline info'), a folder, a JSONL file or a "
            "watched feed.",
            metavar="SOURCE",
            show_default=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Remove an input's documents and all their facts, then resolve the story again."""
    from storyline.engines.local import remove as run

    if not db.exists():
        raise _fail(StorylineError(f"{db}: no such database; check the --db path"))
    try:
        removed, deleted, entities = run(db, source)
    except StorylineError as exc:
        raise _fail(exc) from exc
    if not removed:
        _say(
            f"error: no stored source is {source!r} or lies under it; "
            f"'storyline info --db {db}' lists the sources",
            console=err,
        )
        raise typer.Exit(code=1)
    _say(
        f"removed {len(removed)} sources; {len(deleted)} documents deleted with their "
        f"facts (a document another source also gave is kept); {entities} entities; "
        f"database {db}"
    )


def _seconds(value: str, option: str) -> float:
    """``90``, ``30s``, ``15m``, ``2h``, ``1d`` as seconds."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value.lower())
    if m is None or float(m.group(1)) <= 0:
        raise _fail(
            StorylineError(f"{option} {value!r}: give a duration such as 90, 30s, 15m, 2h or 1d")
        )
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


@app.command()
def watch(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="RSS/Atom feed or sitemap URLs, or files listing them (one a line).",
            metavar="SOURCE",
            show_default=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit (cron, tests).")] = False,
    every: Annotated[
        str, typer.Option("--every", help="Time between polls: 90, 30s, 15m, 2h, 1d.")
    ] = "15m",
    rate: Annotated[
        float, typer.Option("--rate", min=0.01, help="Requests per second to one host, at most.")
    ] = 1.0,
    per_host: Annotated[
        int, typer.Option("--per-host", min=1, help="Requests in flight to one host, at most.")
    ] = 2,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a connection or read.")
    ] = 10.0,
    retries: Annotated[
        int, typer.Option("--retries", min=0, help="Tries again after 5xx, 429 or timeouts.")
    ] = 2,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only each poll's summary.")
    ] = False,
) -> None:
    """Follow feeds and sitemaps: fetch new articles, analyse them, store what changed."""
    from storyline.engines.signals import Stopped, stop_on_signals
    from storyline.engines.signals import exit_code as interrupt_exit_code
    from storyline.watch.http import PoliteFetcher
    from storyline.watch.poll import Poller, PollReport, expand_sources, watch_loop

    interval = _seconds(every, "--every")
    failed_all = False

    def show(report: PollReport) -> None:
        nonlocal failed_all
        run = report.run
        if not quiet:
            for src in report.sources:
                if src.outcome == "failed":
                    _say(
                        f"failed        {src.url}: {src.error} (failed {src.failures} "
                        f"{'poll' if src.failures == 1 else 'polls'} in a row; tried again "
                        "next poll)"
                    )
                elif src.outcome == "not modified":
                    _say(f"not modified  {src.url}")
                else:
                    _say(
                        f"read          {src.url}: {src.kind}, {src.entries} entries, {src.new} new"
                    )
            for item in run.skipped:
                _say(f"{item.action:<13} {item.source}: {item.reason}")
            for source, first in run.duplicates:
                _say(f"duplicate     {source}: same article as {first}; stored once")
        change = (
            f"change set #{report.change_set}: {report.changes} changes"
            if report.change_set is not None
            else "nothing new"
        )
        _say(
            f"poll {report.at}: {report.fetched} pages fetched, {len(run.analysed)} analysed, "
            f"{len(run.duplicates)} duplicates, {len(run.skipped)} skipped, "
            f"{report.seen_before} seen before; {report.requests} requests; {change}; "
            f"{report.seconds:.1f} s; database {db}"
        )
        failed_all = all(src.outcome == "failed" for src in report.sources)

    try:
        urls = expand_sources(sources)
        with (
            stop_on_signals(),
            PoliteFetcher(
                rate=rate, per_host=per_host, timeout=timeout, retries=retries
            ) as fetcher,
        ):
            watch_loop(Poller(db, fetcher), urls, once=once, every=interval, on_poll=show)
    except StorylineError as exc:
        raise _fail(exc) from exc
    except KeyboardInterrupt as exc:
        by = f" by {exc.name}" if isinstance(exc, Stopped) else ""
        err.print(
            f"interrupted{by}: every article stored so far is kept, and the next poll "
            "reports what it changed"
        )
        raise typer.Exit(code=interrupt_exit_code(exc)) from None
    if failed_all:
        err.print("error: every source failed; see the reasons above")
        raise typer.Exit(code=1)


@app.command()
def changes(
    db: DbOption = DEFAULT_DB,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only changes stored after this: an ISO date or time (2026-12-03, "
            "2026-12-03T10:00) or a duration back from now (2h, 3d).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the changes as JSON.")] = False,
) -> None:
    """Print what the watched articles changed in the story, newest first, with evidence."""
    from storyline.sanitize import json_for_terminal
    from storyline.store import StoreReader
    from storyline.store.watch import change_json, read_changes
    from storyline.watch.present import change_lines, since_time

    try:
        when = since_time(since) if since else None
        with StoreReader(db) as reader:
            found = read_changes(reader.conn, when)
    except StorylineError as exc:
        raise _fail(exc) from exc
    if as_json:
        typer.echo(json_for_terminal([change_json(c) for c in found]))
        return
    _print_lines(change_lines(found), "no changes stored" + (f" since {when}" if when else ""))


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Export format: json, gexf, graphml, ftm, timelinejs, csv or parquet.",
        ),
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file (csv, parquet: the folder) to write, '-' for standard output; "
            "default story.json, story.gexf, story.graphml, story.ftm.json, "
            "story.timeline.json, story-csv, story-parquet.",
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Export the story database (the JSON format is the public contract)."""
    from storyline.export import DEFAULT_OUTPUT
    from storyline.export import export as write
    from storyline.store import StoreReader

    target = output or Path(DEFAULT_OUTPUT.get(fmt, f"story.{fmt}"))
    try:
        with StoreReader(db) as reader:
            write(reader, fmt, target, force=force)
    except StorylineError as exc:
        raise _fail(exc) from exc
    _wrote(target, f"the {fmt} export")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option("--host", help="The address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="The TCP port to listen on.")] = 8000,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            metavar="NAME",
            help="Also answer requests for this host name (repeatable; '*': any, unsafe).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Browse the story in a web browser (read only; works while analyze writes)."""
    from storyline.web import serve as run_server
    from storyline.web.hosts import allowed_hosts, normal_host

    try:
        allowed_hosts(host, allow_host or ())  # a wrong --host/--allow-host fails here
        _say(f"serving {db} read-only on http://{normal_host(host)}:{port}/ (Ctrl-C stops)")
        run_server(db, host, port, allow_host or ())
    except StorylineError as exc:
        raise _fail(exc) from exc


@app.command()
def report(
    db: DbOption = DEFAULT_DB,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The HTML file to write, '-' for standard output."),
    ] = Path("report.html"),
    force: ForceOption = False,
) -> None:
    """Write the story as one self-contained HTML file (no network needed to open it)."""
    from storyline.report import write_report
    from storyline.store import StoreReader

    try:
        with StoreReader(db) as reader:
            write_report(reader, output, force=force)
    except StorylineError as exc:
        raise _fail(exc) from exc
    _wrote(output, "the report")


@app.command()
def info(
    db: DbOption = DEFAULT_DB,
    top_n: Annotated[
        int, typer.Option("--top", help="How many of the most mentioned entities to list.")
    ] = 15,
) -> None:
    """Show what the database holds: counts, documents, and skipped inputs with reasons."""
    from storyline.store import StoreReader

    try:
        with StoreReader(db) as reader:
            counts = reader.counts()
            documents = reader.documents()
            skipped = reader.skipped()
            top = reader.top_entities(limit=top_n)
    except StorylineError as exc:
        raise _fail(exc) from exc

    _say(f"database {db}")
    _say(", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items()))
    if counts["independent_reports"] < counts["analysed"]:
        _say(
            f"{counts['analysed']} analysed documents carry {counts['independent_reports']} "
            "independent reports (copies of one article count once)"
        )
    _say(f"\ndocuments ({len(documents)}):", style="bold")
    for stored in documents:
        meta = stored.document.meta
        published = meta.published or "undated"
        if meta.published and meta.published_origin:
            published += f" ({meta.published_origin})"
        status = "" if stored.status == "analysed" else f"  [{stored.status}: {meta.language}]"
        _say(f"  {stored.document.id}  {meta.title or '(no title)'}{status}")
        _say(
            f"      {meta.outlet or 'outlet unknown'} · {published} · "
            f"{', '.join(meta.authors) or 'no byline'} · {', '.join(stored.sources)}",
            style="dim",
        )
    if top:
        _say(f"\nmost mentioned entities (of {counts['entities']}):", style="bold")
        for name, etype, kb_id, mentions, docs in top:
            kb = f" {kb_id}" if kb_id else ""
            _say(f"  {name} ({etype}{kb}): {mentions} mentions in {docs} documents")
    if skipped:
        _say(f"\nskipped inputs ({len(skipped)}):", style="bold")
        for item in skipped:
            _say(f"  {item.source}: {item.reason}")


LimitOption = Annotated[
    int,
    typer.Option(
        "--limit",
        min=0,
        help="Show at most this many (speakers, positions, groups, events); 0 for all.",
    ),
]


def _list_view(db: Path, view: Callable[[ListQueries], list[str]], empty: str) -> None:
    """Print one terminal view read through the bounded list queries."""
    from storyline.store import StoreReader
    from storyline.store.lists import ListQueries

    try:
        with StoreReader(db) as reader:
            lines = view(ListQueries(reader.conn))
    except StorylineError as exc:
        raise _fail(exc) from exc
    _print_lines(lines, empty)


def _print_lines(lines: list[str], empty: str) -> None:
    if not lines:
        _say(empty)
    for line in lines:
        _say(line)


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="Only quotes of speakers whose name contains this."),
    ] = None,
    limit: LimitOption = 50,
) -> None:
    """Print what was said, grouped by speaker, with outlet and date."""
    from storyline.present import quote_lines

    _list_view(db, lambda q: quote_lines(q, speaker, limit or None), "no quotes found")


@app.command()
def positions(
    db: DbOption = DEFAULT_DB,
    holder: Annotated[
        str | None,
        typer.Option("--holder", help="Only positions of holders whose name contains this."),
    ] = None,
    limit: LimitOption = 50,
) -> None:
    """Print who supports or opposes what, with the evidence, outlet and date."""
    from storyline.present import position_lines

    _list_view(db, lambda q: position_lines(q, holder, limit or None), "no positions found")


@app.command()
def figures(
    db: DbOption = DEFAULT_DB,
    conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Only groups whose outlets disagree.")
    ] = False,
    limit: LimitOption = 50,
) -> None:
    """Print figures grouped across outlets, marking where they disagree."""
    from storyline.present import figure_lines

    _list_view(db, lambda q: figure_lines(q, conflicts, limit or None), "no figure groups found")


@app.command()
def timeline(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[
        str | None,
        typer.Option("--actor", help="Only events with a participant whose name contains this."),
    ] = None,
    limit: LimitOption = 50,
) -> None:
    """Print the events in date order with their sources."""
    from storyline.present import timeline_lines

    _list_view(db, lambda q: timeline_lines(q, actor, limit or None), "no events found")


EventOption = Annotated[
    str | None,
    typer.Option("--event", help="Only this event (an id from the export's 'events')."),
]


@app.command()
def brief(
    db: DbOption = DEFAULT_DB,
    event: EventOption = None,
    length: Annotated[int, typer.Option("--length", min=1, help="At most this many lines.")] = 10,
) -> None:
    """Print a cited summary of the story or of one event, corroborated lines first."""
    from storyline.store import StoreReader
    from storyline.story_views.brief import build_brief
    from storyline.story_views.present import brief_lines
    from storyline.story_views.stored import story_brief

    try:
        with StoreReader(db) as reader:  # the whole story's brief is stored at resolution
            if event is None:
                summary = story_brief(reader, length)
            else:
                summary = build_brief(reader, event, length)
    except StorylineError as exc:
        raise _fail(exc) from exc
    _print_lines(brief_lines(summary) if summary.lines else [], "no sentences to summarise")


@app.command()
def framing(db: DbOption = DEFAULT_DB, event: EventOption = None) -> None:
    """Print how each outlet tells the story: voices, wording, emphasis, exclusive claims."""
    from storyline.store import StoreReader
    from storyline.story_views.framing import build_framing
    from storyline.story_views.present import framing_lines
    from storyline.story_views.stored import story_framing_lines

    try:
        with StoreReader(db) as reader:  # the whole story's framing is stored at resolution
            if event is None:
                lines = story_framing_lines(reader)
            else:
                view = build_framing(reader, event)
                lines = framing_lines(view) if view.outlets else []
    except StorylineError as exc:
        raise _fail(exc) from exc
    _print_lines(lines, "no documents to compare")


@app.command()
def ask(
    question: Annotated[
        str, typer.Argument(help="The question, in quotes.", metavar="QUESTION", show_default=False)
    ],
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the answer, citations and facts as JSON.")
    ] = False,
    llm: Annotated[
        str | None,
        typer.Option(
            "--llm",
            metavar="URL",
            help="An OpenAI-compatible chat endpoint that rephrases the answer from its sources.",
        ),
    ] = None,
    model: Annotated[
        str, typer.Option("--model", help="The model name sent to the --llm endpoint.")
    ] = "local",
) -> None:
    """Answer a question from the story's facts and sentences, citing every source sentence."""
    from storyline.ask import Asker, OpenAIChat
    from storyline.ask.present import answer_lines
    from storyline.sanitize import json_for_terminal
    from storyline.store import StoreReader

    try:
        chat = OpenAIChat(llm, model) if llm else None
        with StoreReader(db) as reader:
            result = Asker(reader, chat).answer(question)
    except StorylineError as exc:
        raise _fail(exc) from exc
    if as_json:
        typer.echo(json_for_terminal(result.to_dict()))
        return
    for line in answer_lines(result):
        _say(line)


def run() -> None:  # pragma: no cover - console entry point
    app(prog_name="storyline")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
