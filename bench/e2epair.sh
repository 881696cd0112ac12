#!/usr/bin/env bash
# e2epair.sh: two e2e servers measured side by side, at the same time, on
# the same core, so that whatever else the machine does slows both alike.
#
# usage: bench/e2epair.sh SERVER_A SERVER_B [ROUTE...]
#   SERVER_A, SERVER_B  names of bench/e2e/ servers (tideway-fasthttp fiber),
#                       or paths of server binaries built elsewhere (two
#                       commits of one server, say)
#   ROUTE               plaintext and/or message (default: both)
# environment (all optional):
#   ROUNDS=10     runs per route
#   DURATION=6s   wrk duration of each run
#   CONNS=64      wrk connections to each server
#   OUT=results/e2epair/<UTC time>
#
# Both servers run pinned to core 0 with GOMAXPROCS=1; two wrk processes,
# one per server, run at once pinned to core 1. The kernel's scheduler
# shares core 0 between the two busy servers, so in every run each gets
# about half of it under the same conditions, and the run's ratio of
# requests served per CPU second (from /proc/PID/stat) compares their
# cost per request with the machine's drift cancelled. e2e.sh, which runs
# one server at a time, cannot separate a few percent from the drift of a
# shared machine (its rounds of one server vary by ±20%). Prints each
# run's ratios (A over B) and their median, and how many runs A won.
set -euo pipefail

cd "$(dirname "$0")"

if [ $# -lt 2 ]; then
	echo "usage: $0 SERVER_A SERVER_B [ROUTE...]" >&2
	exit 2
fi
a=$1 b=$2
shift 2
routes=${*:-plaintext message}
ROUNDS=${ROUNDS:-10}
DURATION=${DURATION:-6s}
CONNS=${CONNS:-64}
OUT=${OUT:-results/e2epair/$(date -u +%Y%m%dT%H%M%SZ)}
declare -A path=([plaintext]=/plaintext [message]=/message/42)

for tool in wrk taskset curl go awk; do
	command -v "$tool" >/dev/null 2>&1 || { echo "$0: $tool is required (e2e.sh installs wrk)" >&2; exit 1; }
done
mkdir -p "$OUT/bin"
# binary NAME: the path of the server to run: NAME itself when it is an
# executable file (a server built elsewhere, from another commit, say),
# else bench/e2e/NAME built from this tree.
binary() {
	if [ -f "$1" ] && [ -x "$1" ]; then
		echo "$1"
		return
	fi
	[ -d "e2e/$1" ] || { echo "$0: no server e2e/$1 and no executable file $1" >&2; exit 1; }
	go build -o "$OUT/bin/$1" "./e2e/$1" || exit 1
	echo "$OUT/bin/$1"
}
bin_a=$(binary "$a")
bin_b=$(binary "$b")

pids=()
stop() {
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stop EXIT

# start BINARY PORT: runs the server on core 0 and waits until it answers.
start() {
	GOMAXPROCS=1 taskset -c 0 "$1" -addr "127.0.0.1:$2" >"$OUT/server-$2.log" 2>&1 &
	pids+=($!)
	for _ in $(seq 100); do
		curl -s -o /dev/null "http://127.0.0.1:$2/plaintext" && return
		sleep 0.1
	done
	echo "$0: $1 did not start" >&2
	exit 1
}
pa=$((20000 + RANDOM % 5000)) pb=$((25000 + RANDOM % 5000))
start "$bin_a" "$pa"
start "$bin_b" "$pb"
pid_a=${pids[0]} pid_b=${pids[1]}

ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

# pair URL_A URL_B: one run of both at once; prints
# "requests_a requests_b ticks_a ticks_b".
pair() {
	local ta tb ra rb
	ta=$(ticks "$pid_a") tb=$(ticks "$pid_b")
	taskset -c 1 wrk -t1 -c"$CONNS" -d"$DURATION" "$1" >"$OUT/wrk_a" &
	local wa=$!
	taskset -c 1 wrk -t1 -c"$CONNS" -d"$DURATION" "$2" >"$OUT/wrk_b"
	wait "$wa"
	ra=$(awk '/requests in/ { print $1 }' "$OUT/wrk_a")
	rb=$(awk '/requests in/ { print $1 }' "$OUT/wrk_b")
	grep -q "Non-2xx\|Socket errors" "$OUT/wrk_a" "$OUT/wrk_b" && { echo "$0: errors in a run:" >&2; cat "$OUT/wrk_a" "$OUT/wrk_b" >&2; exit 1; }
	echo "$ra $rb $(($(ticks "$pid_a") - ta)) $(($(ticks "$pid_b") - tb))"
}

{
	echo "# e2epair $(date -u +%Y-%m-%dT%H:%MZ): A=$a, B=$b, both on core 0 (GOMAXPROCS=1), two wrk -t1 -c$CONNS -d$DURATION on core 1, $ROUNDS runs per route; load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "# per run: requests A, requests B, CPU ticks A, B; req ratio A/B; requests per CPU second ratio A/B"
} | tee "$OUT/table.md"
for route in $routes; do
	p=${path[$route]:?unknown route $route}
	pair "http://127.0.0.1:$pa$p" "http://127.0.0.1:$pb$p" >/dev/null # warm-up
	: >"$OUT/$route.runs"
	for i in $(seq "$ROUNDS"); do
		read -r ra rb ca cb <<<"$(pair "http://127.0.0.1:$pa$p" "http://127.0.0.1:$pb$p")"
		echo "$ra $rb $ca $cb" >>"$OUT/$route.runs"
		awk -v r="$route" -v i="$i" -v ra="$ra" -v rb="$rb" -v ca="$ca" -v cb="$cb" \
			'BEGIN { printf "%s run %d: %d %d %d %d  req %.3f  per-cpu %.3f\n", r, i, ra, rb, ca, cb, ra/rb, (ra/ca)/(rb/cb) }' | tee -a "$OUT/table.md"
	done
	awk -v r="$route" -v a="$a" -v b="$b" '
		{ q[NR] = $1 / $2; c[NR] = ($1 / $3) / ($2 / $4); if ($1 > $2) wins++ }
		function median(x, n,   i, j, t) {
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
			return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
		}
		END {
			lo = hi = q[1]; for (i = 2; i <= NR; i++) { if (q[i] < lo) lo = q[i]; if (q[i] > hi) hi = q[i] }
			printf "%s: %s / %s requests: median %.3f (range %.3f - %.3f), %s served more in %d of %d runs; per CPU second: median %.3f\n", r, a, b, median(q, NR), lo, hi, a, wins, NR, median(c, NR)
		}' "$OUT/$route.runs" | tee -a "$OUT/table.md"
done
