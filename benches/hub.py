#!/usr/bin/env python3
"""Scale figure of a hub portal: M member portals of N generated reports each, built from
local folders or served over loopback HTTP, then one hub over all of them; prints the hub's
build time and peak memory.

    cargo build --release
    python3 benches/hub.py                         # 20 members x 500 reports (10,000)
    python3 benches/hub.py --members 50 --n 2000   # the issue's target size (takes long)
    python3 benches/hub.py --http --members 50 --n 200   # members over loopback HTTP
    python3 benches/hub.py --bin target/debug/tilik --members 3 --n 50   # a quick try

Members are generated once with benches/gen_corpus.py (each with its own seed and base_url)
and built once, untimed, into a work folder (default /tmp/tilik-bench-hub); the hub is then
built --runs times (default 3) from that warm state, and the median wall time and the
largest peak RSS are printed with the number of reports gathered. Figures are printed, never
asserted: a loaded machine gives slower numbers.

With --http, member i is served from its public/ folder by a small threaded HTTP server in
this process on 127.0.0.1, port --port + i (default 18700 + i; its base_url), with
Last-Modified and 304 answers to If-Modified-Since (Python's http.server); the hub is built
once, untimed, to fill its cache (.tilik-cache/), and the --runs timed builds are from that
warm cache, where an unchanged member costs one 304.

The size of the hub's first search query: node e2e/bench.mjs WORK/hub/public (see there).
"""
import argparse
import functools
import http.server
import json
import os
import shutil
import threading
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEN = HERE / "gen_corpus.py"


def run_measured(cmd, cwd):
    """Runs a command; returns (seconds, max RSS in MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"command failed: {' '.join(map(str, cmd))} (in {cwd}): {proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def member_ready(folder: Path, n: int, seed: int, base: str, tilik: str):
    stamp = folder / ".bench-stamp"
    wanted = f"n={n} seed={seed} base={base}\n"
    if stamp.exists() and stamp.read_text() == wanted and (folder / "public/data/jaringan.json").exists():
        return
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, str(GEN), "--n", str(n), "--seed", str(seed), "--out", str(folder)],
                   check=True, stdout=subprocess.DEVNULL)
    toml = folder / "tilik.toml"
    toml.write_text(toml.read_text().replace("https://bench.example.go.id/", base))
    subprocess.run([tilik, "build", "--root", str(folder)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stamp.write_text(wanted)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without a log line per request."""

    def log_message(self, *args):
        pass


def serve(folder: Path, port: int):
    """Serves `folder` on 127.0.0.1:`port` from a thread; returns the server."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--members", type=int, default=20)
    ap.add_argument("--n", type=int, default=500, help="reports per member (default 500)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default="/tmp/tilik-bench-hub")
    ap.add_argument("--bin", default=str(HERE.parent / "target/release/tilik"))
    ap.add_argument("--http", action="store_true", help="serve members over loopback HTTP")
    ap.add_argument("--port", type=int, default=18700, help="first member's port with --http")
    args = ap.parse_args()
    tilik = str(Path(args.bin).resolve())
    if not Path(tilik).exists():
        sys.exit(f"no binary at {tilik}: run `cargo build --release` (or pass --bin)")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    members = []
    for i in range(args.members):
        folder = work / f"anggota-{i:02}"
        base = f"http://127.0.0.1:{args.port + i}/" if args.http else f"https://anggota-{i:02}.example.go.id/"
        member_ready(folder, args.n, 100 + i, base, tilik)
        members.append(folder)
    servers = [serve(folder / "public", args.port + i) for i, folder in enumerate(members)] if args.http else []
    print(f"members ready: {args.members} x {args.n} reports ({time.perf_counter() - start:.0f} s, untimed)")
    hub = work / "hub"
    shutil.rmtree(hub, ignore_errors=True)
    (hub / "content").mkdir(parents=True)
    toml = 'title = "Hub Uji Kinerja"\nbase_url = "https://hub.example.go.id/"\n'
    for i, folder in enumerate(members):
        url = f"http://127.0.0.1:{args.port + i}/" if args.http else folder
        toml += f'[[network.members]]\nname = "Anggota {i:02}"\nurl = "{url}"\n'
    (hub / "tilik.toml").write_text(toml)
    if args.http:
        seconds, peak = run_measured([tilik, "build", "--root", str(hub), "--strict"], hub)
        print(f"hub build filling its cache over HTTP: {seconds:.2f} s, peak RSS {peak:.0f} MB (untimed)")
    env_date = os.environ.get("TILIK_BUILD_DATE")
    times, peaks = [], []
    for _ in range(args.runs):
        # --strict: a member that could not be read fails the run instead of shrinking it.
        seconds, peak = run_measured([tilik, "build", "--root", str(hub), "--strict"], hub)
        times.append(seconds)
        peaks.append(peak)
    data = json.loads((hub / "public/data/laporan.json").read_text())
    gathered = len(data["reports"])
    pages = sum(1 for _ in (hub / "public").rglob("index.html"))
    for server in servers:
        server.shutdown()
    where = "over loopback HTTP, from a warm cache" if args.http else "from local folders"
    print(f"hub of {args.members} members x {args.n} reports ({where}): {gathered} reports gathered, {pages} pages")
    print(f"hub build: median {statistics.median(times):.2f} s over {args.runs} runs "
          f"(min {min(times):.2f} s), peak RSS {max(peaks):.0f} MB"
          + (f" (TILIK_BUILD_DATE={env_date})" if env_date else ""))


if __name__ == "__main__":
    main()
