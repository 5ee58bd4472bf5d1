"""Converting files and folders of other tools' maps: one file in this process, a folder on every core, with a
progress bar on a terminal and a summary of what each file kept and lost. One broken file is reported and the
others go on."""

from __future__ import annotations

import gc
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from argmap.analysis.check import check
from argmap.errors import ArgmapError, count_severity, plural
from argmap.formats import FORMATS, import_file, importer_for, importers
from argmap.formats.interop import materialise
from argmap.io import load
from argmap.io.atomic import output_error, write_bytes


def convert_one(source: str, output: str, fmt_name: str, *, raise_errors: bool = False,
                durable: bool = False, make_folders: bool = True) -> dict[str, Any]:
    """Import one file as `fmt_name`, write the map (and the source texts it carried) at `output`, check it and
    say what was kept and lost. A bad file gives `error` (or raises, with `raise_errors`). Writes are atomic;
    `durable` also syncs them to disk (one file asked for by name, not every file of a corpus); `make_folders`
    creates the output's folder (inside a corpus's output folder; a file asked for by name needs its folder)."""
    result: dict[str, Any] = {"file": source, "output": output, "format": fmt_name, "error": None}
    try:
        src, out = Path(source), Path(output)
        converted = materialise(import_file(src, FORMATS[fmt_name]), src, out)
        if make_folders:
            out.parent.mkdir(parents=True, exist_ok=True)
        for path, text in converted.texts.items():
            _write(path, text.encode(), durable)
        _write(out, converted.yaml.encode(), durable)
        findings = check(load(out))
    except ArgmapError as exc:
        if raise_errors:
            raise
        result["error"] = str(exc)
        return result
    except Exception as exc:  # one broken file must not stop a corpus
        if raise_errors:
            raise ArgmapError(f"{source}: cannot import: {type(exc).__name__}: {exc}") from None
        result["error"] = f"{source}: cannot import: {type(exc).__name__}: {exc}"
        return result
    amap = converted.map
    result.update(nodes=len(amap.nodes), relations=len(amap.relations),
                  quotes=sum(len(node.quotes) for node in amap.nodes),
                  losses=[loss.to_dict() for loss in converted.losses],
                  errors=count_severity(findings, "error"), warnings=count_severity(findings, "warning"),
                  findings=[diag.format() for diag in findings if diag.severity == "error"][:5])
    return result


def _write(path: Path, data: bytes, durable: bool) -> None:
    try:
        write_bytes(path, data, durable=durable)
    except OSError as exc:
        raise output_error(path, exc) from None


def _inputs(folder: Path, fmt_name: str | None) -> list[tuple[Path, str | None]]:
    """Every file under `folder` an importer takes by its suffix, with its format (None: not recognised)."""
    suffixes = {suffix for fmt in importers() for suffix in fmt.suffixes
                if fmt_name is None or fmt.name == fmt_name}
    found: list[tuple[Path, str | None]] = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in suffixes:
            continue
        try:
            found.append((path, importer_for(path, fmt_name).name))
        except ArgmapError:
            found.append((path, None))
    return found


def convert_folder(folder: Path, output: Path, fmt_name: str | None, *, jobs: int = 0) -> list[dict[str, Any]]:
    """Convert every recognised file under `folder` into the same place under `output` (`.yaml`), on `jobs`
    processes (0: every core; 1: this process). Files whose format is not recognised are listed as skipped."""
    if fmt_name:
        importer_for(folder / "x", fmt_name)  # an unknown --from is a usage error before any work
    tasks, results = [], []
    for path, name in _inputs(folder, fmt_name):
        target = output / path.relative_to(folder).with_suffix(".yaml")
        if name is None:
            results.append({"file": str(path), "output": None, "format": None, "skipped": True,
                            "error": None})
        else:
            tasks.append((str(path), str(target), name))
    workers = min(jobs or available_cores(), max(1, len(tasks) // POOL_MIN_PER_WORKER))
    with _progress(len(tasks)) as advance:
        if workers == 1:  # a few files: starting processes would cost more than it gives
            for task in tasks:
                results.append(convert_one(*task))
                advance()
        else:
            # The first file is converted here, so that every module a conversion imports on first use is
            # imported once, before the workers are forked, and not once per worker; the collector is told to
            # leave what exists now alone (gc.freeze), so the workers do not copy the parent's pages by walking
            # them. Tasks go out in batches (one round trip per batch, not per file); a few batches per worker
            # keep the load even.
            results.append(convert_one(*tasks[0]))
            advance()
            rest = tasks[1:]
            chunk = max(1, len(rest) // (workers * 4))
            gc.freeze()
            try:
                with ProcessPoolExecutor(max_workers=workers) as pool:
                    for result in pool.map(_convert_task, rest, chunksize=chunk):
                        results.append(result)
                        advance()
            finally:
                gc.unfreeze()
    return sorted(results, key=lambda result: result["file"])


def available_cores() -> int:
    """The cores this process may run on (fewer than the machine's where it is pinned to some)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


#: Files per worker below which a folder is converted in this process (a worker's start costs about as much).
POOL_MIN_PER_WORKER = 16


def _convert_task(task: tuple[str, str, str]) -> dict[str, Any]:
    return convert_one(*task)


class _NoProgress:
    def __enter__(self) -> Any:
        return lambda: None

    def __exit__(self, *exc: object) -> None:
        return None


class _Bar:
    """A rich progress bar on standard error."""

    def __init__(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._progress = Progress("importing", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                  transient=True, console=_console())
        self._task = self._progress.add_task("import", total=total)

    def __enter__(self) -> Any:
        self._progress.start()
        return lambda: self._progress.advance(self._task)

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()


def _console() -> Any:
    from rich.console import Console

    return Console(file=sys.stderr)


def _progress(total: int) -> _NoProgress | _Bar:
    """A bar only for a person watching: a terminal on standard error, not under CI."""
    if total < 2 or os.environ.get("CI") or not sys.stderr.isatty():
        return _NoProgress()
    return _Bar(total)


def print_summary(results: list[dict[str, Any]], output: Path) -> None:
    """One line per file (what was kept, what was lost, whether its map checks), then the totals."""
    width = max([len(_short(result["file"])) for result in results] + [4])
    print(f"{'file':{width}}  {'format':10} {'nodes':>6} {'rels':>6} {'quotes':>6} {'lost':>6}  check / loss")
    for result in results:
        name = _short(result["file"])
        if result.get("skipped"):
            print(f"{name:{width}}  {'-':10} {'':>6} {'':>6} {'':>6} {'':>6}  skipped: not a format argmap imports")
        elif result["error"]:
            print(f"{name:{width}}  {result['format']:10} {'':>6} {'':>6} {'':>6} {'':>6}  FAILED: {result['error']}")
        else:
            lost = sum(loss["count"] for loss in result["losses"])
            kinds = "; ".join(loss["message"] for loss in result["losses"])
            verdict = "ok" if not result["errors"] else plural(result["errors"], "error")
            print(f"{name:{width}}  {result['format']:10} {result['nodes']:>6} {result['relations']:>6} "
                  f"{result['quotes']:>6} {lost:>6}  {verdict}{'; ' + kinds if kinds else ''}")
    done = [result for result in results if not result["error"] and not result.get("skipped")]
    failed = [result for result in results if result["error"]]
    print(f"{len(done)} imported into {output}, {len(failed)} failed, "
          f"{sum(1 for result in results if result.get('skipped'))} skipped", file=sys.stderr)
    for result in failed:
        print(f"argmap import: error: {result['error']}", file=sys.stderr)


def _short(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path
