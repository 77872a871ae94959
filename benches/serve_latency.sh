#!/usr/bin/env bash
# Save-to-reload latency of `tilik serve`: the time from saving a report to the new content
# being served (what a writer waits for after pressing save).
#
#   benches/serve_latency.sh [PROJECT] [ROUNDS]
#
#   PROJECT  a Tilik project (default: the sample portal of this repository); or `gen:N` for a
#            generated portal of N reports (benches/gen_corpus.py, or $GEN_CORPUS)
#   ROUNDS   edits to time (default 5)
#   SETTLE=1 also wait, after each edit, for the whole site to be rebuilt (lists, feeds…) and
#            print that time too; without it, the next edit may land during that rebuild, as
#            when a writer saves again and again
#
# The project is copied to a temporary folder (the original is never edited), served by the
# release binary on a free port, and one report is edited ROUNDS times: a unique marker is
# appended to its body and the report's page is polled until the marker is served (every 5 ms
# for the first second, then every 25 ms, so that polling does not steal the CPU it measures).
# Prints each round, then min / median / max, and the server's own rebuild times (so that the
# share of debounce + detection and of the pipeline is visible). No assertions: it measures.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
project=${1:-$here}
rounds=${2:-5}
gen=${GEN_CORPUS:-$here/benches/gen_corpus.py}

command -v curl >/dev/null || { echo "serve_latency: needs curl" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tilik-serve-latency.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

case "$project" in
  gen:*)
    n=${project#gen:}
    echo "Generating a portal of $n reports…"
    python3 "$gen" --n "$n" --out "$work/site" >/dev/null
    ;;
  *)
    mkdir -p "$work/site"
    cp -R "$project/tilik.toml" "$project/content" "$work/site/"
    for d in static templates themes; do
      if [ -d "$project/$d" ]; then cp -R "$project/$d" "$work/site/"; fi
    done
    ;;
esac

(cd "$here" && cargo build --release --quiet)
bin="$here/target/release/tilik"

# The report to edit: the first single-file report, by name. Its page is /laporan/<file stem>/
# unless its front matter sets a slug.
report=$(cd "$work/site" && find content/laporan -name '*.md' ! -name '_index.md' ! -name 'index.md' | sort | awk 'NR == 1')
[ -n "$report" ] || { echo "serve_latency: no report found under content/laporan" >&2; exit 2; }
slug=$(sed -n 's/^slug *= *"\(.*\)"/\1/p' "$work/site/$report" | head -n 1)
[ -n "$slug" ] || slug=$(basename "$report" .md)
reports=$(find "$work/site/content/laporan" -name '*.md' ! -name '_index.md' | wc -l | tr -d ' ')

log="$work/serve.log"
start_ns=$(date +%s%N)
"$bin" serve --root "$work/site" --port 0 >"$log" 2>&1 &
server_pid=$!
url=
for _ in $(seq 1 6000); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/[^ ]*' "$log" | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.05
done
[ -n "$url" ] || { echo "serve_latency: the server printed no URL" >&2; cat "$log" >&2; exit 1; }
first_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
page="${url}laporan/$slug/"
curl -fsS -o /dev/null "$page" || { echo "serve_latency: $page is not served" >&2; exit 1; }

echo "Project: $project ($reports report files), editing $report"
echo "Machine: $(nproc) cores, load average$(uptime | sed 's/.*load average//')"
echo "Served at $url after ${first_ms} ms (start + first build)"
times=()
for round in $(seq 1 "$rounds"); do
  marker="latensi-$$-$round-$RANDOM"
  sleep 0.5   # let the previous round's events settle
  t0=$(date +%s%N)
  full_before=$(grep -cE 'dibangun ulang dalam|rebuilt in' "$log" || true)
  printf '\nPenanda %s.\n' "$marker" >>"$work/site/$report"
  while :; do
    if curl -fsS "$page" 2>/dev/null | grep -q "$marker"; then break; fi
    waited=$(( $(date +%s%N) - t0 ))
    if [ "$waited" -gt 600000000000 ]; then
      echo "serve_latency: round $round: no new content after 600 s" >&2; tail -n 20 "$log" >&2; exit 1
    fi
    if [ "$waited" -lt 1000000000 ]; then sleep 0.005; else sleep 0.025; fi
  done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  times+=("$ms")
  if [ "${SETTLE:-0}" = 1 ]; then
    while [ "$(grep -cE 'dibangun ulang dalam|rebuilt in' "$log" || true)" -le "$full_before" ]; do
      if [ $(( $(date +%s%N) - t0 )) -gt 600000000000 ]; then
        echo "serve_latency: round $round: no full rebuild after 600 s" >&2; exit 1
      fi
      sleep 0.05
    done
    full_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    echo "  round $round: ${ms} ms (whole site rebuilt after ${full_ms} ms)"
  else
    echo "  round $round: ${ms} ms"
  fi
done

sorted=$(printf '%s\n' "${times[@]}" | sort -n)
min=$(echo "$sorted" | head -n 1)
max=$(echo "$sorted" | tail -n 1)
median=$(echo "$sorted" | sed -n "$(( (${#times[@]} + 1) / 2 ))p")
echo "Save-to-served latency over $rounds edits: min ${min} ms, median ${median} ms, max ${max} ms"
echo "Server log of each rebuild (edited pages first, then the whole site; debounce and file-event delivery not included):"
grep -E '^(Berubah|Changed):' "$log" | sed 's/^/  /' || true
