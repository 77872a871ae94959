#!/usr/bin/env python3
"""Benchmark Tilik against Hugo on generated portals of the same reports.

    python3 benches/portal.py                       # 1,000, 10,000 and 100,000 reports
    python3 benches/portal.py --sizes 1000,10000    # the usual check (5 runs each)
    python3 benches/portal.py --sizes 1000 --runs 3
    python3 benches/portal.py --sizes 50 --runs 1 --no-hugo --no-serve   # smoke test

For each size it generates the reports with benches/gen_corpus.py (a Tilik project and a Hugo
site with the templates of benches/hugo-site/, of the same reports; kept for the next run),
builds each once untimed, then alternates full builds of Tilik and Hugo (when `hugo` is installed) and prints, per tool: median wall time
(every page rendered again; Tilik rewrites only the files that changed), peak memory (max RSS),
pages written, output bytes; for Tilik also the search-index bytes and, when `tilik serve`
exists, its first page after start, the time from saving one report to the preview serving
its new content (saves back to back, and 2 s apart as a writer saves) and its peak memory. The ratio
Tilik/Hugo is computed from the runs of this invocation. A first build into an empty folder
(every file created, as on a fresh CI runner) is timed apart for both tools. One more Tilik
build per size runs with TILIK_TIMINGS=1 and its stage lines (time, peak memory so far) are
printed, so that the growth of each stage from size to size is visible. Sizes of 100,000 and
more run at most --big-runs times (generating such a corpus takes long; it is kept in --work).
Figures only: nothing is asserted.
"""
import argparse
import hashlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEN = REPO / "benches" / "gen_corpus.py"
SEED = 14


def generate(n, base):
    """Lays out n generated reports as base/tilik (a Tilik project) and base/hugo (a Hugo site),
    unless base already holds exactly those (same generator, size and seed)."""
    stamp = base / "corpus.txt"
    digest = hashlib.sha256()
    for f in [GEN] + sorted(p for p in (GEN.parent / "hugo-site").rglob("*") if p.is_file()):
        digest.update(f.read_bytes())
    wanted = f"{GEN.name} n={n} seed={SEED} {digest.hexdigest()}\n"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    for flavor in ("tilik", "hugo"):
        subprocess.run([sys.executable, str(GEN), "--n", str(n), "--seed", str(SEED), "--flavor", flavor,
                        "--out", str(base / flavor)], check=True, stdout=subprocess.DEVNULL)
    stamp.write_text(wanted)


def run_measured(cmd, cwd):
    """Runs a command; returns (seconds, max RSS in MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"command failed: {' '.join(map(str, cmd))} (in {cwd})")
    return elapsed, usage.ru_maxrss / 1024


def tree_stats(root):
    pages = files = size = 0
    for dirpath, _, names in os.walk(root):
        for n in names:
            files += 1
            size += os.path.getsize(os.path.join(dirpath, n))
            if n == "index.html":
                pages += 1
    return pages, files, size


def dir_bytes(root):
    return sum(p.stat().st_size for p in Path(root).rglob("*") if p.is_file()) if Path(root).exists() else 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return None


def stage_timings(tilik, project):
    """The stage lines a build prints with TILIK_TIMINGS=1."""
    env = dict(os.environ, TILIK_TIMINGS="1")
    proc = subprocess.run([tilik, "build", "--root", str(project)], env=env, cwd=project,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return [line.rstrip() for line in proc.stderr.splitlines() if " ms  " in line]


def serve_latency(tilik, project, runs):
    """`tilik serve` on the project: seconds from start to the first page served; the median
    seconds from saving a report to its new text being served, when saves follow one another
    back to back (the next save the instant the page shows, so each lands during the previous
    save's full render in the background) and at a writer's rhythm (2 s after the page shows,
    the writer reading it; the full render may still run); and the server's peak memory (MB,
    VmHWM; None where /proc is missing). None when there is no `tilik serve` or it did not start."""
    help_text = subprocess.run([tilik, "--help"], capture_output=True, text=True).stdout
    if " serve" not in help_text:
        return None
    port = free_port()
    started = time.perf_counter()
    proc = subprocess.Popen([tilik, "serve", "--root", str(project), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        reports = (project / "content" / "laporan").rglob("*.md")
        report = sorted(p for p in reports if p.name not in ("_index.md", "index.md"))[-1]
        slug = report.stem
        url = f"http://127.0.0.1:{port}/laporan/{slug}/"
        deadline = time.time() + 600
        while fetch(url) is None:
            if time.time() > deadline or proc.poll() is not None:
                return None
            time.sleep(0.1)
        first_page = time.perf_counter() - started
        original = report.read_text(encoding="utf-8")

        def save_and_wait(i):
            marker = f"PENANDA-UBAH-{i}-{time.time_ns()}"
            report.write_text(original.replace("## Latar Belakang", f"## Latar Belakang\n\n{marker}", 1), encoding="utf-8")
            start = time.perf_counter()
            while True:
                body = fetch(url)
                if body and marker in body:
                    return time.perf_counter() - start
                if time.perf_counter() - start > 120:
                    return None
                time.sleep(0.005)

        back_to_back = [t for t in (save_and_wait(i) for i in range(runs)) if t is not None]
        rhythm = []
        for i in range(runs):
            time.sleep(2)
            t = save_and_wait(runs + i)
            if t is not None:
                rhythm.append(t)
        report.write_text(original, encoding="utf-8")
        peak = None
        try:
            with open(f"/proc/{proc.pid}/status", encoding="utf-8") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak = int(line.split()[1]) / 1024
        except OSError:
            pass
        return {
            "first_page": first_page,
            "back_to_back": statistics.median(back_to_back) if back_to_back else None,
            "rhythm": statistics.median(rhythm) if rhythm else None,
            "peak_mb": peak,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big-runs", type=int, default=1, help="runs for sizes of 100,000 and more")
    ap.add_argument("--work", default="/tmp/tilik-bench")
    ap.add_argument("--tilik", default=str(REPO / "target" / "release" / "tilik"))
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--no-serve", action="store_true")
    ap.add_argument("--no-build", action="store_true", help="do not run cargo build --release first")
    args = ap.parse_args()

    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    tilik = args.tilik
    hugo = None if args.no_hugo else shutil.which("hugo")
    if not args.no_hugo and hugo is None:
        print("hugo not installed (apt-get install hugo): Tilik figures only")

    for n in [int(s) for s in args.sizes.split(",")]:
        base = Path(args.work) / str(n)
        generate(n, base)
        times = {"tilik": [], "hugo": []}
        rss = {"tilik": [], "hugo": []}
        out = {"tilik": base / "tilik" / "public", "hugo": base / "hugo-public"}
        # One untimed build each first: the output left by an earlier binary (or none) would
        # make the first timed run a first build; first builds are timed apart below.
        run_measured([tilik, "build", "--root", str(base / "tilik")], cwd=base)
        if hugo:
            run_measured([hugo, "--quiet", "-s", str(base / "hugo"), "-d", str(out["hugo"])], cwd=base)
        runs = args.runs if n < 100_000 else min(args.runs, args.big_runs)
        for _ in range(runs):
            t, m = run_measured([tilik, "build", "--root", str(base / "tilik")], cwd=base)
            times["tilik"].append(t)
            rss["tilik"].append(m)
            if hugo:
                t, m = run_measured([hugo, "--quiet", "-s", str(base / "hugo"), "-d", str(out["hugo"])], cwd=base)
                times["hugo"].append(t)
                rss["hugo"].append(m)
        print(f"\n== {n} reports, {runs} runs (median), on {os.cpu_count()} cores")
        for tool in ("tilik", "hugo"):
            if not times[tool]:
                continue
            pages, files, size = tree_stats(out[tool])
            line = (f"{tool:6} build {statistics.median(times[tool]):7.3f} s   max RSS {max(rss[tool]):7.1f} MB   "
                    f"pages {pages:6}   files {files:6}   output {size / 1e6:7.1f} MB")
            if tool == "tilik":
                line += f"   search index {dir_bytes(out[tool] / 'search') / 1e6:6.2f} MB"
            print(line)
        if times["hugo"]:
            ratio = statistics.median(times["tilik"]) / statistics.median(times["hugo"])
            print(f"ratio  Tilik/Hugo build time: {ratio:.2f}")
        # A first build into a new, empty folder (a CI runner, a fresh checkout): every file
        # is created, so it is slower than a rebuild for both tools.
        with tempfile.TemporaryDirectory(dir=base) as fresh:
            t_fresh, m_fresh = run_measured([tilik, "build", "--root", str(base / "tilik"), "-o", str(Path(fresh) / "t")], cwd=base)
            line = f"first  build into an empty folder: tilik {t_fresh:.3f} s ({m_fresh:.0f} MB)"
            if hugo:
                h_fresh, hm_fresh = run_measured([hugo, "--quiet", "-s", str(base / "hugo"), "-d", str(Path(fresh) / "h")], cwd=base)
                line += f", hugo {h_fresh:.3f} s ({hm_fresh:.0f} MB), ratio {t_fresh / h_fresh:.2f}"
            print(line)
        print("stages (TILIK_TIMINGS=1, one more build; peak memory so far):")
        for line in stage_timings(tilik, base / "tilik"):
            print(f"  {line}")
        if not args.no_serve:
            served = serve_latency(tilik, base / "tilik", max(3, args.runs))
            if served is None:
                print("serve  save-to-served: not measured (no `tilik serve`, or it did not start)")
            else:
                ms = lambda t: "-" if t is None else f"{t * 1000:.0f} ms"
                peak = "-" if served["peak_mb"] is None else f"{served['peak_mb']:.0f} MB"
                print(f"serve  first page after start: {served['first_page']:.1f} s; "
                      f"save-to-served (median): back to back {ms(served['back_to_back'])}, "
                      f"at a writer's rhythm (saves 2 s apart) {ms(served['rhythm'])}; peak memory {peak}")


if __name__ == "__main__":
    main()
