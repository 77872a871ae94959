#!/usr/bin/env python3
"""Scale figure of a hub portal: M member portals of N generated reports each, built from
local folders, then one hub over all of them; prints the hub's build time and peak memory.

    cargo build --release
    python3 benches/hub.py                         # 20 members x 500 reports (10,000)
    python3 benches/hub.py --members 50 --n 2000   # the issue's target size (takes long)
    python3 benches/hub.py --bin target/debug/tilik --members 3 --n 50   # a quick try

Members are generated once with benches/gen_corpus.py (each with its own seed and base_url)
and built once, untimed, into a work folder (default /tmp/tilik-bench-hub); the hub is then
built --runs times (default 3) from that warm state, and the median wall time and the
largest peak RSS are printed with the number of reports gathered. Figures are printed, never
asserted: a loaded machine gives slower numbers. Members over HTTP are not measured here.
"""
import argparse
import json
import os
import shutil
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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--members", type=int, default=20)
    ap.add_argument("--n", type=int, default=500, help="reports per member (default 500)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default="/tmp/tilik-bench-hub")
    ap.add_argument("--bin", default=str(HERE.parent / "target/release/tilik"))
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
        member_ready(folder, args.n, 100 + i, f"https://anggota-{i:02}.example.go.id/", tilik)
        members.append(folder)
    print(f"members ready: {args.members} x {args.n} reports ({time.perf_counter() - start:.0f} s, untimed)")
    hub = work / "hub"
    shutil.rmtree(hub, ignore_errors=True)
    (hub / "content").mkdir(parents=True)
    toml = 'title = "Hub Uji Kinerja"\nbase_url = "https://hub.example.go.id/"\n'
    for i, folder in enumerate(members):
        toml += f'[[network.members]]\nname = "Anggota {i:02}"\nurl = "{folder}"\n'
    (hub / "tilik.toml").write_text(toml)
    env_date = os.environ.get("TILIK_BUILD_DATE")
    times, peaks = [], []
    for _ in range(args.runs):
        seconds, peak = run_measured([tilik, "build", "--root", str(hub)], hub)
        times.append(seconds)
        peaks.append(peak)
    data = json.loads((hub / "public/data/laporan.json").read_text())
    gathered = len(data["reports"])
    pages = sum(1 for _ in (hub / "public").rglob("index.html"))
    print(f"hub of {args.members} members x {args.n} reports: {gathered} reports gathered, {pages} pages")
    print(f"hub build: median {statistics.median(times):.2f} s over {args.runs} runs "
          f"(min {min(times):.2f} s), peak RSS {max(peaks):.0f} MB"
          + (f" (TILIK_BUILD_DATE={env_date})" if env_date else ""))


if __name__ == "__main__":
    main()
