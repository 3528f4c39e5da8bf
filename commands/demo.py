"""``python app.py demo``: build the built-in demo workspace (generated data)."""

from __future__ import annotations

from pathlib import Path

from commands import add_workspace_option, print_json
from errors import PwsError


def register(commands, imports) -> None:
    """Add the ``demo`` command."""
    parser = commands.add_parser(
        "demo",
        help="build the built-in demo workspace (a fictional province, generated data)",
        description="Build the demo workspace: a fictional province with generated boundaries, "
        "posyandu and indicator values (Data contoh, sintetis).",
    )
    add_workspace_option(parser)
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0); the same seed gives the same data")
    parser.add_argument("--force", action="store_true", help="replace the workspace even if it already holds data")
    parser.add_argument(
        "--no-cases",
        action="store_true",
        help="leave out the weekly cases and their alerts (much faster; the early-warning views stay empty)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.set_defaults(handler=run)


def run(args) -> int:
    """Build the demo; refuse to overwrite a workspace with data unless ``--force``."""
    from demo import build_demo_workspace
    from demo.build import stderr_progress as demo_progress
    from workspace.store import Workspace

    root = Path(args.workspace)
    existing = Workspace(root)
    if existing.exists() and not args.force:
        raise PwsError("demo_sudah_ada_contoh" if existing.manifest.get("demo") else "demo_sudah_ada_data",
                       path=root, snapshot=existing.snapshot_id)
    ws = build_demo_workspace(root, seed=args.seed, cases=not args.no_cases, progress=demo_progress(args.lang))
    manifest = ws.manifest
    months = manifest.get("indikator", {}).get("periode_data", [])
    summary = {
        "workspace": str(root),
        "snapshot": ws.snapshot_id,
        "seed": args.seed,
        "levels": manifest["boundaries"]["levels"],
        "fasilitas": manifest.get("fasilitas", {}).get("counts", {}),
        "indikator": [months[0], months[-1]] if months else None,
        "kasus": manifest.get("kasus", {}).get("minggu"),
        "peringatan": manifest.get("kasus", {}).get("peringatan"),
    }
    if args.json:
        print_json(summary, args.lang)
    else:
        levels = ", ".join(f"{n} {lvl}" for lvl, n in summary["levels"].items())
        facilities = ", ".join(f"{n} {j}" for j, n in summary["fasilitas"].items())
        from commands.report import say

        dari, sampai = summary["indikator"]
        print(say("demo_ringkas", args.lang, root=root, levels=levels, facilities=facilities, dari=dari, sampai=sampai), end="")
        if summary["kasus"]:
            print(say("demo_kasus", args.lang, dari=summary["kasus"][0], sampai=summary["kasus"][1], n=summary["peringatan"]), end="")
        print(".")
    return 0
