"""Score the claim checker on one part of the real-page corpus (tests/data/real_pages).

    .venv/bin/python scripts/score_real_pages.py --part dev
    .venv/bin/python scripts/score_real_pages.py --part test   # once, when the work is done

Prints recall (annotated errors flagged with the right reason), precision (flags that
are annotated errors) and false alarms (annotated correct claims flagged), the commit
and the date, then each problem; --json prints the whole result. The scoring is
tests/claims_scoring.py, the same as the pytest corpora use.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.claims_scoring import pages_in, score_pages  # noqa: E402


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return out.stdout.strip() + (" (src/ has uncommitted changes)" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "test"), required=True)
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = parser.parse_args(argv)
    result = score_pages(pages_in(ROOT / "tests" / "data" / "real_pages" / args.part))
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
        return 0
    print(f"real pages, {args.part} part: {result['pages']} pages")
    print(f"commit {_commit()}, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
    r = result
    print(f"recall        {r['recall']:.1%}  ({r['found_errors']} of {r['errors']} errors)")
    print(f"precision     {r['precision']:.1%}  ({r['flagged_errors']} of {r['flags']} flags)")
    print(
        f"false alarms  {result['false_alarms']:.1%}  "
        f"({result['false_alarm_count']} of {result['correct']} correct claims)"
    )
    for problem in result["problems"]:
        print("  " + problem)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
