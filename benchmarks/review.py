"""Benchmark `review`: time and peak memory for exports of growing size, and the hostile archives.

    python benchmarks/review.py [--repeat 3] [--sizes 1000,10000,100000] [--no-hostile] [--no-watch] [--json]

Each size is a synthetic export (the demo's invented person) with that many rows of posts and
comments (a third posts, two thirds comments), plus the case of a prolific member: 50,000 posts and 100,000
comments. Each run is a fresh child process: `linkedin-optout review EXPORT --json` as a person
would run it (start-up included), and the review alone timed inside the child. CPU seconds
(user + system) are printed too: on a loaded machine they say more than the wall time. Peak memory is the
child's maximum resident set, read by a small parent (Linux keeps a peak across exec, so a child
of this process would report this process's size). The hostile archives (a compression bomb, a
gigabyte field, more rows than the limit) must each end with exit 2.

Two more figures on the prolific member's export (150,000 rows): the review's CPU time with no
watch words and with 500 (one trie pattern: the goal is within 2x), and the whole command's peak
memory when it writes every flag to ``--csv`` (streamed, a row at a time) next to ``--json``.
The machine is shared and noisy: read the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout

from automation.review.synthetic import build  # noqa: E402
from tests.helpers.hostile import HOSTILE, hostile  # noqa: E402

MEASURE = ("import os, subprocess, sys, time\n"
           "start = time.perf_counter()\n"
           "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
           "err = child.stderr.read()\n"
           "_, status, usage = os.wait4(child.pid, 0)\n"
           "wall = time.perf_counter() - start\n"
           "print(usage.ru_maxrss, wall, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime)\n"
           "sys.stderr.buffer.write(err)\n")

INNER = ("import sys, time, json; from pathlib import Path\n"
         "from automation.review import Options, review_export\n"
         "start = time.perf_counter(); r = review_export(Path(sys.argv[1]), Options(watch=('Acme',)))\n"
         "text = json.dumps(r.as_json()); took = time.perf_counter() - start\n"
         "print(f'{took} {sum(f.rows for f in r.files)} {len(r.flags)}', file=sys.stderr)\n")

# The review alone, in CPU seconds, with N invented watch words (that match nothing) and the real
# words given (that match the synthetic posts: their flags cost the same with or without the rest).
WATCHED = ("import random, sys, time; from pathlib import Path\n"
           "from automation.review import Options, review_export\n"
           "rnd = random.Random(1); real = tuple(w for w in sys.argv[3].split(',') if w)\n"
           "invented = (''.join(rnd.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(rnd.randint(4, 12)))\n"
           "            for _ in range(int(sys.argv[2]) - len(real)))\n"
           "words = (*invented, *real)\n"
           "start = time.process_time(); r = review_export(Path(sys.argv[1]), Options(watch=words))\n"
           "print(f'{time.process_time() - start} {len(r.flags)}', file=sys.stderr)\n")


def measured(argv: list[str]) -> tuple[int, float, int, str, float]:
    """Peak memory (bytes), wall time, exit code, stderr and CPU seconds of one child run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", MEASURE, *argv], capture_output=True, text=True, env=env, check=False)
    peak, wall, code, cpu = done.stdout.split()
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, kilobytes on Linux
    return int(peak) * unit, float(wall), int(code), done.stderr.strip(), float(cpu)


def mib(value: float) -> str:
    return f"{value / 2**20:.0f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-hostile", action="store_true")
    parser.add_argument("--no-watch", action="store_true", help="skip the watch-word and --csv figures")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    cases = [(f"{int(n):,} rows", int(n) // 3, int(n) - int(n) // 3) for n in args.sizes.split(",")]
    cases.append(("50,000 posts + 100,000 comments", 50_000, 100_000))
    results = []
    with tempfile.TemporaryDirectory(prefix="review-bench-") as tmp:
        for label, posts, comments in cases:
            sample = build("complete", posts=posts, comments=comments)
            path = Path(tmp, sample.name)
            path.write_bytes(sample.data)
            cli, inner, peaks, cpus = [], [], [], []
            for _ in range(args.repeat):
                peak, wall, code, _err, cpu = measured([sys.executable, "-m", "automation", "review", str(path), "--json"])
                assert code == 0, f"review exited {code}"
                cli.append(wall)
                cpus.append(cpu)
                peaks.append(peak)
                _, _, _, err, _ = measured([sys.executable, "-c", INNER, str(path)])
                took, rows, flags = err.split()[-3:]
                inner.append(float(took))
            result = {"case": label, "zip_bytes": len(sample.data), "rows": int(rows), "flags": int(flags),
                      "review_s": statistics.median(inner), "command_s": statistics.median(cli),
                      "command_cpu_s": statistics.median(cpus),
                      "peak_bytes": max(peaks)}
            results.append(result)
            if not args.json:
                print(f"{label:>34}: review {result['review_s']:.2f} s, whole command {result['command_s']:.2f} s "
                      f"({result['command_cpu_s']:.2f} s CPU), "
                      f"peak {mib(result['peak_bytes'])} ({result['rows']:,} rows, {result['flags']:,} flags, "
                      f"zip {mib(len(sample.data))})", flush=True)
            path.unlink()
        if not args.no_watch:
            results.extend(_watch_and_csv(Path(tmp), args.repeat, args.json))
        if not args.no_hostile:
            for kind in HOSTILE:
                path = Path(tmp, f"{kind}.zip")
                hostile(kind, str(path))
                peak, wall, code, err, cpu = measured([sys.executable, "-m", "automation", "review", str(path)])
                result = {"case": f"hostile: {kind}", "exit_code": code, "command_s": wall, "command_cpu_s": cpu,
                          "peak_bytes": peak,
                          "message": err.splitlines()[-1] if err else "", "stderr_lines": len(err.splitlines())}
                results.append(result)
                if not args.json:
                    print(f"{'hostile ' + kind:>34}: exit {code} in {wall:.2f} s ({cpu:.2f} s CPU), peak {mib(peak)}, "
                          f"{result['stderr_lines']} line: {result['message']}", flush=True)
                path.unlink()
    if args.json:
        print(json.dumps(results, indent=2))


def _watch_and_csv(tmp: Path, repeat: int, quiet: bool) -> list[dict[str, object]]:
    sample = build("complete", posts=50_000, comments=100_000)
    path = tmp / sample.name
    path.write_bytes(sample.data)
    results: list[dict[str, object]] = []
    cpu: dict[str, float] = {}
    for label, words, real in (("none", 0, ""), ("500 invented", 500, ""), ("3 real", 3, "Acme,data privacy,roadmap"),
                               ("3 real + 497 invented", 500, "Acme,data privacy,roadmap")):
        runs = []
        for _ in range(repeat):
            _, _, code, err, _ = measured([sys.executable, "-c", WATCHED, str(path), str(words), real])
            assert code == 0, err
            took, flags = err.split()[-2:]
            runs.append(float(took))
        cpu[label] = statistics.median(runs)
        results.append({"case": f"150,000 rows, watch words: {label}", "review_cpu_s": cpu[label], "flags": int(flags)})
        if not quiet:
            print(f"{'watch words: ' + label:>34}: review {cpu[label]:.2f} s CPU ({int(flags):,} flags)", flush=True)
    if not quiet:
        print(f"{'500 watch words vs none':>34}: x{cpu['500 invented'] / cpu['none']:.2f}; with the same 3 real words "
              f"among them x{cpu['3 real + 497 invented'] / cpu['3 real']:.2f}", flush=True)
    for output in (["--json"], ["--csv", str(tmp / "flags.csv")]):
        peaks = []
        for _ in range(repeat):
            peak, _, code, err, _ = measured([sys.executable, "-m", "automation", "review", str(path), *output])
            assert code == 0, err
            peaks.append(peak)
        results.append({"case": f"150,000 rows, {output[0]}", "peak_bytes": max(peaks)})
        if not quiet:
            print(f"{'150,000 rows, ' + output[0]:>34}: peak {mib(max(peaks))}", flush=True)
    path.unlink()
    return results


if __name__ == "__main__":
    main()
