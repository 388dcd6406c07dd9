"""The demo behind `make demo`: ingest the bundled sample corpus (and the
seed article when it is there), print the Russia–Pakistan timeline and the
tilt of Russia between Pakistan and India, and write ``tilt.png``.

    python -m accord.demo --db demo.db [--seed ../shared/seed/article.txt]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "demo"
SEED_PUBLISHED = "2021-04-12"


def run(db: Path, seed: Path | None, plot: Path) -> int:
    from .cli import main as cli

    def call(*args: str) -> int:
        try:
            cli.main(["--db", str(db), *args], standalone_mode=False)
        except SystemExit as exc:
            return int(exc.code or 0)
        return 0

    if not SAMPLES.exists():
        print(f"accord demo: error: sample corpus {SAMPLES} is missing", file=sys.stderr)
        return 1
    print(f"== Ingesting the bundled sample corpus ({SAMPLES})")
    call("ingest", str(SAMPLES))
    if seed is not None and seed.exists():
        print(f"== Ingesting the seed article {seed} (published {SEED_PUBLISHED})")
        call("ingest", str(seed), "--published", SEED_PUBLISHED)
    else:
        print("== Seed article not found; continuing with the sample corpus only")
    print("\n== Timeline: Russia–Pakistan")
    call("timeline", "RUS", "PAK")
    print("\n== Tilt of Russia between Pakistan and India")
    call("tilt", "RUS", "--toward", "PAK", "--away", "IND", "--plot", str(plot))
    print(f"\nChart: {plot}")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("demo.db"))
    parser.add_argument("--seed", type=Path, default=None)
    parser.add_argument("--plot", type=Path, default=Path("tilt.png"))
    args = parser.parse_args()
    sys.exit(run(args.db, args.seed, args.plot))


if __name__ == "__main__":
    main()
