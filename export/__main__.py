"""Batch exports from the command line, with the same code the app uses.

    python -m export project.json --pdf out.pdf [--lang id] [--paper a4|letter]
                     [--sections cover canvas personas portfolio fit competitors]
                     [--canvas NAME] [--png out.png] [--md out.md] [--csv out.csv]
                     [--xlsx out.xlsx] [--json out.json]

The input is a Nilai JSON export (any supported schema version). It is loaded into a
private temporary database through the same importer as the app, then exported.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from core.actors import WorkspaceActor
from core.errors import NilaiError
from export.bundle import collect
from export.files import export_file
from export.messages import describe_problems
from export.pdf.builder import SECTIONS
from export.reader import InvalidImport
from i18n import LANGUAGES, translate
from importing.document import import_document


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m export", description="Export a Nilai project JSON file.")
    p.add_argument("source", type=Path, help="a Nilai JSON export (project.json)")
    for fmt, help_text in (
        ("pdf", "print-grade PDF"),
        ("png", "PNG of a canvas for slides"),
        ("md", "Markdown for wikis"),
        ("csv", "CSV of all notes"),
        ("xlsx", "Excel workbook of all notes"),
        ("json", "the project as JSON again"),
    ):
        p.add_argument(f"--{fmt}", type=Path, metavar="FILE", help=help_text)
    p.add_argument("--lang", choices=LANGUAGES, help="language of the output (default: the project's)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4")
    p.add_argument(
        "--sections",
        nargs="+",
        choices=SECTIONS,
        default=list(SECTIONS),
        metavar="SECTION",
        help=f"PDF sections, any of: {' '.join(SECTIONS)}",
    )
    p.add_argument("--canvas", help="only this canvas (its name or position, 1 = first)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    targets = {fmt: getattr(args, fmt) for fmt in ("pdf", "png", "md", "csv", "xlsx", "json") if getattr(args, fmt)}
    language = args.lang or "en"
    if not targets:
        print("nothing to do: name at least one output, e.g. --pdf out.pdf", file=sys.stderr)
        return 2
    try:
        raw = args.source.read_bytes()
    except OSError as error:
        print(f"can't read {args.source}: {error.strerror}", file=sys.stderr)
        return 2
    from core.settings import Settings
    from examples.seeding import open_store

    cli = WorkspaceActor("cli")  # the person at this computer's command line

    with tempfile.TemporaryDirectory(prefix="nilai-export-") as folder:
        store = None
        try:
            store = open_store(Settings(data_dir=Path(folder), database_url=None, seed_sample=False))
            try:
                project = import_document(store, cli, raw, language=language)
            except InvalidImport as error:
                print(translate(language, error.key, count=len(error.problems)), file=sys.stderr)
                for line in describe_problems(language, error.problems):
                    print(f"  - {line}", file=sys.stderr)
                return 1
            language = args.lang or project.language
            bundle = collect(store, cli, project.id)
            canvas_id = _pick_canvas(bundle, args.canvas)
            if args.canvas and canvas_id is None:
                print(f"no canvas named {args.canvas!r}", file=sys.stderr)
                return 2
            for fmt, target in targets.items():
                result = export_file(
                    bundle, fmt, language=language, paper=args.paper, sections=args.sections, canvas_id=canvas_id
                )
                target.write_bytes(result.data)
                print(f"{fmt}: {target} ({len(result.data):,} bytes)")
                if result.left_out:
                    print(translate(language, "export.unprintable.title"), file=sys.stderr)
                    print("\n".join(f"  - {line}" for line in result.left_out), file=sys.stderr)
        except NilaiError as error:
            print(translate(language, error.key, **error.params), file=sys.stderr)
            return 1
        finally:
            if store is not None:
                store.close()
    return 0


def _pick_canvas(bundle, wanted: str | None) -> str | None:
    if not wanted:
        return None
    for canvas in bundle.canvases:
        if wanted in (canvas.canvas.name, canvas.canvas.id):
            return canvas.canvas.id
    if wanted.isdigit() and 1 <= int(wanted) <= len(bundle.canvases):
        return bundle.canvases[int(wanted) - 1].canvas.id
    return None


if __name__ == "__main__":
    raise SystemExit(main())
