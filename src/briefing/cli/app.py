"""The command line: parsing, progress and exit codes. The work happens in the library.

Errors reach the user in one way: a ``BriefingError`` becomes one stderr line and the exit
status that ``errors.exit_code`` gives it (2: the command cannot run as asked; 1: some
articles failed, each named); ``_exit_for`` is the only place that happens.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from briefing.cli.progress import Progress, say
from briefing.errors import EXIT_FAILED, EXIT_OK, BriefingError, UsageError, exit_code

if TYPE_CHECKING:  # pragma: no cover
    from briefing.pipeline import Pipeline

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=(
        "Summaries, key points, quotes and a daily briefing from news articles, offline.\n\n"
        "PATH is a file, a folder (searched for .txt .md .html .json .jsonl) or - for stdin.\n\n"
        "\b\nExamples:\n"
        "  briefing summarize seeds/cnn-us-cuba-migration-talks.txt --format json\n"
        "  briefing daily seeds/           # writes outputs/briefing-YYYY-MM-DD.md\n"
        "  briefing daily seeds/ --format html --out today.html\n"
        "  briefing batch articles.jsonl --format jsonl --out results.jsonl\n"
        "  briefing eval ../shared/data/cnndm-dev.jsonl\n"
        "  briefing summarize article.txt --engine seq2seq --model sshleifer/distilbart-cnn-12-6\n\n"
        "Run 'briefing COMMAND --help' for each command's options."
    ),
)


class SummaryFormat(str, Enum):
    md = "md"
    json = "json"
    jsonl = "jsonl"


class DailyFormat(str, Enum):
    md = "md"
    html = "html"
    json = "json"


class GroupBy(str, Enum):
    desk = "desk"
    none = "none"
    topic = "topic"
    source = "source"


class Device(str, Enum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"
    mps = "mps"


ENGINE_HELP = "Summarizer: extractive (default, trained, offline), extractive-unsupervised, lead, seq2seq, llm."
MODEL_HELP = "Model for the engine: a hub id or local folder (seq2seq, llm), a .gguf file (llm), or a trained head folder (extractive)."


_err = say


def _exit_for(exc: BriefingError) -> "typer.Exit":
    """The one mapping of an error that stops a command to its stderr line and exit status."""
    say(str(exc))
    return typer.Exit(exit_code(exc))


def _fail_usage(message: str) -> "typer.Exit":
    return _exit_for(UsageError(message))


FROM_HELP = "A file listing one PATH or URL per line (blank lines and # comments skipped); repeatable."
CACHE_HELP = "Cache folder: finished results, and fetched pages and feeds in DIR/web. Default: ~/.cache/briefing (BRIEFING_CACHE)."


def _load_inputs(paths: Optional[List[str]], from_: Optional[List[str]] = None, cache_dir: Optional[Path] = None, since=None):
    """Files, folders, URLs, feeds, .opml and --from lists -> Inputs (fetching with progress)."""
    from briefing.errors import InputError
    from briefing.ingest.inputs import no_input_message, open_inputs

    names = list(paths or [])
    if not names and not from_:
        raise _fail_usage("no input given: name a PATH or URL, or --from FILE")
    with Progress(unit="") as progress:
        try:
            inputs = open_inputs(names, from_ or [], cache_dir=cache_dir, since=since,
                                 on_fetch=lambda url, done, total: progress.stage("Fetching", done, total))
        except InputError as exc:  # a PATH that does not exist: the command cannot run as asked
            raise _fail_usage(str(exc))
        except BriefingError as exc:
            raise _exit_for(exc)
    if not inputs.jobs and not inputs.dropped:
        raise _fail_usage(no_input_message(names + [f"--from {f}" for f in from_ or []]))
    if inputs.requests:
        _err(f"{inputs.requests} HTTP requests (robots.txt included): {inputs.downloads} downloaded, {inputs.not_modified} unchanged since the last run")
    return inputs


COMPRESS_HELP = (
    "Fit the one-sentence summary to 30 words by dropping what sub-editors drop (attributions, "
    "appositives, asides; never words inside quotes); the long summary stays verbatim. "
    "--no-compress: the article's sentences only, verbatim."
)

API_BASE_HELP = ("--engine llm: an OpenAI-compatible server (Ollama, llama.cpp, vLLM, LM Studio), e.g. http://127.0.0.1:8080/v1; "
                 "default $BRIEFING_API_BASE. A key, if needed, comes from $BRIEFING_API_KEY.")
GEN_HELP = ("An engine option, KEY=VALUE, repeatable (e.g. --gen num_beams=4 for seq2seq, --gen n=5 for lead). "
            "Each engine declares its own; an unknown key stops with the list of valid ones.")


def _engine_options(pairs: Optional[List[str]]) -> dict:
    """--gen KEY=VALUE pairs as strings; the engine's Options dataclass gives them their types."""
    options: dict = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise _fail_usage(f"--gen {pair!r}: expected KEY=VALUE, e.g. num_beams=4")
        options[key.strip().replace("-", "_")] = value
    return options


def _options(model: Optional[str], device: Device, gen: Optional[List[str]]) -> dict:
    options = {"device": device.value, **_engine_options(gen)}
    if model:
        options["model"] = model
    return options


def _with_api_base(options: dict, engine: str, api_base: Optional[str]) -> dict:
    if api_base:
        if engine != "llm":
            raise _fail_usage(f"--api-base is for --engine llm (not {engine})")
        options["api_base"] = api_base
    return options


def _pipeline(engine: str, model: Optional[str], device: Device, quotes: bool = True, gen: Optional[List[str]] = None,
              compress: bool = True, api_base: Optional[str] = None) -> "Pipeline":
    from briefing.pipeline import Pipeline

    try:
        return Pipeline(engine, quotes=quotes, compress=compress, **_with_api_base(_options(model, device, gen), engine, api_base))
    except BriefingError as exc:
        raise _exit_for(exc)


def _run(make_pipe, inputs, settings: dict, cache_dir: Optional[Path] = None, label: str = "Summarizing"):
    """Run the pipeline over the inputs with a progress bar (for more than one article) and
    report errors; finished articles come from the result cache, the model loads on the first miss."""
    from briefing.article import ArticleError
    from briefing.batch.cache import ResultCache, cached_outcomes
    from briefing.cachedir import cache_root

    cache = ResultCache(Path(cache_dir) if cache_dir else cache_root() / "results")
    outcomes, results, errors = [], [], []
    counts: dict = {}
    total = len(inputs)
    with Progress() as progress:
        for out in cached_outcomes(inputs.items(), make_pipe, cache, settings, stats=counts):
            outcomes.append(out)
            if isinstance(out, ArticleError):
                errors.append(out)
                progress.error(str(out))
            else:
                results.append(out)
            progress.stage(label, len(outcomes), max(total, len(outcomes)))
    if counts.get("cached"):
        n = counts["cached"]
        _err(f"{n} article{'s were' if n != 1 else ' was'} already summarized (cached), {counts['summarized']} summarized now")
    return outcomes, results, errors


def _settings(engine: str, model: Optional[str], device: Device, quotes: bool, gen: Optional[List[str]], compress: bool = True,
              api_base: Optional[str] = None) -> dict:
    from briefing.batch.cache import result_settings

    try:
        return result_settings(engine, model, quotes, _with_api_base(_engine_options(gen), engine, api_base), device.value,
                               compress=compress)
    except BriefingError as exc:  # an unknown engine or option: before any fetching
        raise _exit_for(exc)


def _write(out: Optional[str], text: str) -> None:
    from briefing.output import atomic_write

    if out is None or out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write(Path(out), text)


@app.command()
def summarize(
    paths: Optional[List[str]] = typer.Argument(None, metavar="PATH...", help="Article files, folders, - for stdin, article or feed URLs, .opml files."),
    format: SummaryFormat = typer.Option(SummaryFormat.md, "--format", "-f", help="md (readable), json (one object, or a list for several), jsonl (one object per line)."),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Write here instead of stdout: a file, or a folder (ending in /) for one file per article."),
    engine: str = typer.Option("extractive", "--engine", "-e", help=ENGINE_HELP),
    model: Optional[str] = typer.Option(None, "--model", "-m", help=MODEL_HELP),
    device: Device = typer.Option(Device.auto, "--device", help="Where models run."),
    template: Optional[Path] = typer.Option(None, "--template", help="A Jinja2 template to render each article (Markdown output)."),
    max_quotes: int = typer.Option(5, "--max-quotes", help="Quotes shown per article in Markdown."),
    quotes: bool = typer.Option(True, "--quotes/--no-quotes", help="Extract quotes and speakers."),
    gen: Optional[List[str]] = typer.Option(None, "--gen", metavar="KEY=VALUE", help=GEN_HELP),
    compress: bool = typer.Option(True, "--compress/--no-compress", help=COMPRESS_HELP),
    from_: Optional[List[str]] = typer.Option(None, "--from", metavar="FILE", help=FROM_HELP),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", metavar="DIR", help=CACHE_HELP),
    api_base: Optional[str] = typer.Option(None, "--api-base", metavar="URL", help=API_BASE_HELP),
) -> None:
    """Summarize one article or many: short and long summary, key points, quotes.

    \b
    Examples:
      briefing summarize seeds/cnn-us-cuba-migration-talks.txt --format json
      briefing summarize https://example.com/news/story.html
    """
    from briefing.errors import TemplateError
    from briefing.output import UniqueNames, atomic_write, to_json, to_jsonl_line
    from briefing.render import render

    settings = _settings(engine, model, device, quotes, gen, compress, api_base)
    inputs = _load_inputs(paths, from_, cache_dir)
    _, results, errors = _run(lambda: _pipeline(engine, model, device, quotes, gen, compress, api_base), inputs, settings, cache_dir)
    dicts = [r.to_dict() for r in results]

    def one(d: dict) -> str:
        if format == SummaryFormat.md:
            return render("article", "md", {"a": d, "max_quotes": max_quotes}, template)
        return to_json(d) if format == SummaryFormat.json else to_jsonl_line(d)

    try:
        if out and (out.endswith("/") or Path(out).is_dir()):
            ext = {"md": "md", "json": "json", "jsonl": "jsonl"}[format.value]
            name_for = UniqueNames()
            for d in dicts:
                atomic_write(Path(out) / f"{name_for(d['id'])}.{ext}", one(d))
        elif format == SummaryFormat.json:
            _write(out, to_json(dicts[0] if len(dicts) == 1 and len(inputs) == 1 else dicts))
        else:
            sep = "\n" if format == SummaryFormat.md else ""
            _write(out, sep.join(one(d) for d in dicts))
    except TemplateError as exc:
        raise _exit_for(exc)
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)


def _parse_date(value: Optional[str]) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail_usage(f"--date {value!r} is not a date in YYYY-MM-DD form")


@app.command()
def daily(
    paths: Optional[List[str]] = typer.Argument(None, metavar="PATH...", help="Article files or folders, article or feed URLs (RSS/Atom), .opml files."),
    format: DailyFormat = typer.Option(DailyFormat.md, "--format", "-f", help="md (default), html (self-contained page) or json."),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Output file, or a folder to write briefing-YYYY-MM-DD.<format> into (- for stdout). Default: outputs/briefing-YYYY-MM-DD.<format>."),
    date: Optional[str] = typer.Option(None, "--date", help="The briefing's date, YYYY-MM-DD (default: today)."),
    engine: str = typer.Option("extractive", "--engine", "-e", help=ENGINE_HELP),
    model: Optional[str] = typer.Option(None, "--model", "-m", help=MODEL_HELP),
    device: Device = typer.Option(Device.auto, "--device", help="Where models run."),
    template: Optional[Path] = typer.Option(None, "--template", help="A Jinja2 template for the briefing (see `briefing templates export`)."),
    max_quotes: int = typer.Option(3, "--max-quotes", help="Quotes shown per story."),
    group_by: GroupBy = typer.Option(GroupBy.desk, "--group-by", help="Sections: desk (World, Politics, Business, ... by a trained classifier; default), topic (topics found in the articles), source, or none (by importance)."),
    minutes: float = typer.Option(5.0, "--minutes", min=0, help="Reading budget: the most important stories that fit get the full treatment, the rest one line each under 'Also today' (no article is dropped)."),
    gen: Optional[List[str]] = typer.Option(None, "--gen", metavar="KEY=VALUE", help=GEN_HELP),
    compress: bool = typer.Option(True, "--compress/--no-compress", help=COMPRESS_HELP),
    from_: Optional[List[str]] = typer.Option(None, "--from", metavar="FILE", help=FROM_HELP),
    since: Optional[str] = typer.Option(None, "--since", metavar="DURATION|last", help="Only what is new: published (or, without a date, first fetched) within DURATION (36h, 2d), or 'last': not in an earlier briefing written to the same output folder."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", metavar="DIR", help=CACHE_HELP),
    api_base: Optional[str] = typer.Option(None, "--api-base", metavar="URL", help=API_BASE_HELP),
) -> None:
    """One briefing for all articles found under PATH: each story told once, every source cited.

    Stories are filed under desks in the order of their most important story; a story covered
    by several outlets is told from all of them, each sentence labelled with its outlet. Each
    briefing leaves its stories in <output folder>/.briefing-state/; the next one written to the
    same folder marks a continuing story "developing" and leads with what is new.

    \b
    Examples:
      briefing daily seeds/ --date 2026-11-27 --format html --minutes 3
      briefing daily https://feeds.bbci.co.uk/news/rss.xml feeds.opml --since last
      briefing daily --from my-feeds.txt --since 36h --out briefings/today.md
    """
    from briefing.daily import build_daily
    from briefing.daily.state import previous_state, snapshot, write_state
    from briefing.errors import TemplateError
    from briefing.ingest.inputs import Since
    from briefing.ingest.seen import SeenLog
    from briefing.output import to_json
    from briefing.render import render

    day = _parse_date(date)
    settings = _settings(engine, model, device, True, gen, compress, api_base)
    name = f"briefing-{day.isoformat()}.{format.value}"
    target = out or str(Path("outputs") / name)
    if out and out != "-" and (out.endswith(("/", os.sep)) or Path(out).is_dir()):
        target = str(Path(out) / name)  # a folder: the day's file in it
    folder = None if target == "-" else Path(target).parent
    seen = SeenLog.load(folder) if folder is not None else None
    window = None
    if since:
        if since.strip().lower() == "last" and seen is None:
            raise _fail_usage("--since last compares with the briefings written to the output folder; give --out FILE, not -")
        try:
            window = Since.parse(since, seen.keys if seen is not None else None)
        except BriefingError as exc:
            raise _exit_for(exc)
    previous = previous_state(folder, before=day) if folder is not None else None
    inputs = _load_inputs(paths, from_, cache_dir, since=window)
    _, results, errors = _run(lambda: _pipeline(engine, model, device, gen=gen, compress=compress, api_base=api_base), inputs, settings, cache_dir)
    if window is not None:
        _err(f"{len(results)} articles new {window.label}, {inputs.dropped} older ones left out")
    if len(results) > 1:
        _err(f"grouping {len(results)} articles into stories ...")
    briefing = build_daily(results, day, max_quotes=max_quotes, group_by=group_by.value, minutes=minutes, previous=previous, keep_vectors=True)
    state = snapshot(briefing, briefing.pop("_vectors"), None if folder is None else Path(target).name)
    try:
        text = to_json(briefing) if format == DailyFormat.json else render("daily", format.value, {"b": briefing, "max_quotes": max_quotes}, template)
    except TemplateError as exc:
        raise _exit_for(exc)
    _write(target, text)
    if folder is not None:
        write_state(folder, state)  # also what a later --since last reads (ingest.seen)
        developing = sum(s["status"] == "developing" for s in briefing["stories"])
        more = f", {developing} developing since {briefing['previous']}" if briefing["previous"] else ""
        n_s, n_a = len(briefing["stories"]), len(results)
        _err(f"wrote {target} ({n_s} {'story' if n_s == 1 else 'stories'} from {n_a} {'article' if n_a == 1 else 'articles'}, "
             f"about {briefing['reading_minutes']} min read{more})")
    raise typer.Exit(EXIT_FAILED if errors else EXIT_OK)


@app.command()
def batch(
    paths: Optional[List[str]] = typer.Argument(None, metavar="PATH...", help="Article files or folders, article or feed URLs, .opml files."),
    out: str = typer.Option(..., "--out", "-o", help="A .jsonl file (with --format jsonl), - for stdout, or a folder for one file per article."),
    format: SummaryFormat = typer.Option(SummaryFormat.jsonl, "--format", "-f", help="jsonl (one line per article, errors included) or md/json files in a folder."),
    engine: str = typer.Option("extractive", "--engine", "-e", help=ENGINE_HELP),
    model: Optional[str] = typer.Option(None, "--model", "-m", help=MODEL_HELP),
    device: Device = typer.Option(Device.auto, "--device", help="Where models run."),
    quotes: bool = typer.Option(True, "--quotes/--no-quotes", help="Extract quotes and speakers."),
    force: bool = typer.Option(False, "--force", help="Redo articles that are already in the cache."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (each loads the model once); with --ray, Ray actors."),
    ray: Optional[str] = typer.Option(None, "--ray", metavar="ADDRESS", help="Run on Ray Data: 'local' (a Ray on this machine), 'auto' (the running cluster) or host:port."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Where finished results are kept for resuming. Default: <out>.cache/ beside a file, <out>/.cache/ in a folder."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per model call; results are cached after each."),
    gen: Optional[List[str]] = typer.Option(None, "--gen", metavar="KEY=VALUE", help=GEN_HELP),
    compress: bool = typer.Option(True, "--compress/--no-compress", help=COMPRESS_HELP),
    from_: Optional[List[str]] = typer.Option(None, "--from", metavar="FILE", help=FROM_HELP),
    api_base: Optional[str] = typer.Option(None, "--api-base", metavar="URL", help=API_BASE_HELP),
) -> None:
    """One result per article, written to --out; re-runs skip finished articles.

    Example: briefing batch articles/ --format jsonl --out results.jsonl --workers 2
    """
    from briefing.batch import BatchConfig, run_paths
    from briefing.errors import InputError

    if not paths and not from_:
        raise _fail_usage("no input given: name a PATH or URL, or --from FILE")
    config = BatchConfig(
        engine=engine, model=model, device=device.value, quotes=quotes, batch_size=batch_size,
        workers=workers, force=force, cache_dir=cache_dir, options=_with_api_base(_engine_options(gen), engine, api_base), compress=compress,
    )
    total: list[Optional[int]] = [None]
    count = [0]

    def on_record(record) -> None:
        count[0] += 1
        if record.status == "failed":
            progress.error(record.message)
        progress.stage("Batch", count[0], total[0])

    with Progress() as progress:
        try:
            report = run_paths(paths or [], out, format.value, config, ray_address=ray, on_record=on_record,
                               on_start=lambda n: total.__setitem__(0, n), from_files=from_ or [],
                               on_fetch=lambda url, done, n: progress.stage("Fetching", done, n))
        except InputError as exc:  # a PATH that does not exist: the command cannot run as asked
            raise _fail_usage(str(exc))
        except BriefingError as exc:
            raise _exit_for(exc)
        except KeyboardInterrupt:
            _err("interrupted: finished articles are cached; run the same command again to resume")
            raise typer.Exit(130)
    _err(report.summary())
    raise typer.Exit(EXIT_FAILED if report.failed else EXIT_OK)


@app.command("eval")
def eval_(
    data: Path = typer.Argument(..., help="JSONL (or .jsonl.gz) with 'text'/'article' and 'reference' (newline-separated sentences) and/or 'attributions' (quotes-dev format)."),
    engine: str = typer.Option("extractive", "--engine", "-e", help=ENGINE_HELP),
    model: Optional[str] = typer.Option(None, "--model", "-m", help=MODEL_HELP),
    device: Device = typer.Option(Device.auto, "--device", help="Where models run."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Use only the first N rows (with --pool: the first N pool stories)."),
    compare: Optional[bool] = typer.Option(None, "--compare/--no-compare", help="Also score the unsupervised scorer beside the default engine (default: on, off with --pool, where it would take half an hour)."),
    pool: bool = typer.Option(False, "--pool", help="Score only the validation pool: the stories whose sha1(id) mod 10 is 0, which `briefing train` never trains on (4,094 of cnndm-train-lower.jsonl.gz), reported per source and together."),
) -> None:
    """Quality figures on a labelled set: ROUGE of the long summary vs Lead-3, each margin with a
    95% paired-bootstrap interval; quote P/R/F1.

    \b
    Examples:
      briefing eval ../shared/data/cnndm-dev.jsonl
      briefing eval ../shared/data/cnndm-train-lower.jsonl.gz --pool
    """
    from briefing.evaluation.rouge import run_eval

    if not data.is_file():
        raise _fail_usage(f"{data}: no such file")
    try:
        report = run_eval(str(data), engine=engine, model=model, device=device.value, limit=limit, compare=compare, pool=pool, log=_err)
    except FileNotFoundError:
        raise _fail_usage(f"{data}: no such file")
    except BriefingError as exc:  # nothing to score
        raise _exit_for(exc)
    print(report)


@app.command()
def train(
    data: List[Path] = typer.Argument(..., help="Training JSONL file(s): 'text'/'article' and 'reference' highlights (newline-separated)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the trained head (use it with --model DIR)."),
    dev: Optional[Path] = typer.Option(None, "--dev", help="A labelled JSONL to report ROUGE on after each epoch (never trained on, never used to choose)."),
    max_articles: Optional[int] = typer.Option(0, "--max-articles", help="Use the first N training rows (0 = all, as the shipped head); validation-pool stories are left out first."),
    epochs: int = typer.Option(1, "--epochs", help="Training epochs; with more than one, the best on a held-out 5% of the training rows is kept."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Sentence-embedding cache (default ~/.cache/briefing/embeddings, or $BRIEFING_CACHE/embeddings); a re-run reuses it."),
    seed: int = typer.Option(0, "--seed", help="Random seed (training is deterministic for a given seed)."),
    members: int = typer.Option(5, "--members", min=1, help="Heads to train (seeds SEED, SEED+1, ...) whose scores are averaged; the shipped head has 5. One head's ROUGE swings with its seed, the average far less; each member adds 1.3 MB and a few minutes on 2 cores."),
    oracle_sents: int = typer.Option(3, "--oracle-sents", min=0, help="Sentences the greedy ROUGE oracle labels per story (0: as many as the story has highlights)."),
    n_long: int = typer.Option(3, "--n-long", min=1, help="Sentences in the long summary (saved with the head; scoring uses it)."),
    encoder: str = typer.Option("minilm-static", "--encoder", help="Sentence vectors the head learns on: minilm-static (the shipped table, fast) or all-MiniLM-L6-v2 (the transformer: ~100x slower on CPU, cold embedding pass ~17 min per 2,500 stories)."),
) -> None:
    """Train the extractive head on your own archive, or rebuild the shipped one.

    Reads .jsonl or .jsonl.gz; lower-cased, tokenized rows (cnndm-train-lower) are cleaned and
    split without spaCy. Stories of the validation pool (sha1(id) mod 10 == 0, what
    `briefing eval FILE --pool` scores) are never trained on.

    \b
    Example (the shipped head):
      briefing train ../shared/data/cnndm-train-lower.jsonl.gz --out my-head --dev ../shared/data/cnndm-dev.jsonl
      briefing eval ../shared/data/cnndm-train-lower.jsonl.gz --pool --model my-head
      briefing summarize article.txt --model my-head
    """
    import json

    from briefing.training import train as run_train

    for f in [*data, *([dev] if dev else [])]:
        if not f.is_file():
            raise _fail_usage(f"{f}: no such file")
    try:
        with Progress(unit="") as progress:
            report = run_train(
                [str(f) for f in data], str(out), dev_path=str(dev) if dev else None, cache_dir=str(cache_dir) if cache_dir else None,
                log=_err, progress=progress.stage, seed=seed, members=members, epochs=epochs, max_articles=max_articles or None,
                encoder=encoder, oracle_sents=oracle_sents, n_long=n_long,
            )
    except ValueError as exc:
        raise _fail_usage(str(exc))
    except BriefingError as exc:
        raise _exit_for(exc)
    print(json.dumps({k: report[k] for k in ("figures", "selected_epoch", "timings_s", "articles") if k in report}, indent=2))
    _err(f"wrote {out}/head.safetensors and {out}/config.json")


@app.command("train-encoder")
def train_encoder(
    data: List[Path] = typer.Argument(..., help="Training JSONL file(s) whose sentences the table is fitted on (same format as `briefing train`)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the static table (model2vec format)."),
    max_articles: Optional[int] = typer.Option(2500, "--max-articles", help="Use the first N rows (0 = all); the shipped table uses 2500."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="MiniLM sentence-vector cache (default ~/.cache/briefing/embeddings, or $BRIEFING_CACHE/embeddings)."),
) -> None:
    """Rebuild the static sentence encoder the default engine runs on (MiniLM distilled to a token table).

    MiniLM is run once over the corpus's sentences (cached), each vocabulary token is
    distilled, and the table is fitted so sentence means match MiniLM's vectors. The shipped
    table (src/briefing/models/minilm-static) was made with the example below; about 20
    minutes on 2 cores with a cold cache, 3 minutes warm.

    \b
    Example:
      briefing train-encoder ../shared/data/cnn-train.jsonl --out my-table
    """
    import json

    from briefing.training.static_table import build

    for f in data:
        if not f.is_file():
            raise _fail_usage(f"{f}: no such file")
    try:
        with Progress(unit="") as progress:
            figures = build(str(out), [str(f) for f in data], max_articles=max_articles or None,
                            cache_dir=str(cache_dir) if cache_dir else None, progress=progress.stage)
    except ValueError as exc:
        raise _fail_usage(str(exc))
    except BriefingError as exc:
        raise _exit_for(exc)
    print(json.dumps(figures, indent=2))
    _err(f"wrote {out}/model.safetensors, tokenizer.json and config.json")


templates_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="The Jinja2 templates the Markdown and HTML outputs are made with.")
app.add_typer(templates_app, name="templates")


@templates_app.command("export")
def templates_export(
    folder: Path = typer.Argument(..., metavar="DIR", help="Folder to copy the default templates into (created if missing)."),
    force: bool = typer.Option(False, "--force", help="Overwrite templates already in DIR."),
) -> None:
    """Copy the default templates into DIR to edit; use one with --template DIR/daily.md.j2.

    Example: briefing templates export my-templates && briefing daily seeds/ --template my-templates/daily.html.j2 --format html
    """
    from briefing.render import export_templates

    try:
        written = export_templates(folder, force=force)
    except FileExistsError as exc:
        raise _fail_usage(f"{exc}: already exists (use --force to overwrite)")
    except OSError as exc:
        raise _fail_usage(f"{folder}: {exc.strerror or exc}")
    for path in written:
        print(path)


def main() -> None:  # pragma: no cover
    app()
