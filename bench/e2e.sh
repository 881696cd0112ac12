#!/usr/bin/env bash
# End-to-end loopback benchmark: each server of bench/e2e/ pinned to core 0
# (GOMAXPROCS=1), driven by wrk pinned to core 1, one server at a time, on
# GET /plaintext and GET /message/42. Prints one table (req/s, latency
# percentiles, errors, the server's CPU) and the ratios of the targets,
# computed within the same run. With ROUNDS > 1 the whole list of servers
# is run ROUNDS times in turn (round 1: every server, then round 2, ...),
# each round starting one server further down the list, so that slow
# drifts of a shared machine and the first slot hit every server alike; the
# table then gives medians over the rounds, each round's req/s, and the
# range of the per-round ratios. The three fasthttp servers run on the
# same server settings, tfasthttp.ListenAndServe's (timeouts, read buffer,
# body limit, streamed bodies, no Server header), so that they differ only
# in their handlers. Not for CI: it takes about
# ROUNDS x 5 servers x 2 routes x (WARMUP + DURATION).
#
# usage: bench/e2e.sh
# environment (all optional):
#   DURATION=10s   wrk duration per server and route
#   ROUNDS=1       times the whole list of servers is run
#   WARMUP=2s      unmeasured wrk run before each measured one (0 for none)
#   CONNS=64       wrk connections (one wrk thread)
#   PORT=18080     port on 127.0.0.1
#   SERVERS="tideway-nethttp raw-nethttp tideway-fasthttp raw-fasthttp fiber"
#   OUT=results/e2e/<UTC time>   where binaries, raw wrk output and the table go
set -euo pipefail

cd "$(dirname "$0")"

DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-1}
WARMUP=${WARMUP:-2s}
CONNS=${CONNS:-64}
PORT=${PORT:-18080}
SERVERS=${SERVERS:-"tideway-nethttp raw-nethttp tideway-fasthttp raw-fasthttp fiber"}
OUT=${OUT:-results/e2e/$(date -u +%Y%m%dT%H%M%SZ)}
SERVER_CPU=0
CLIENT_CPU=1
BASE="http://127.0.0.1:$PORT"

die() {
	echo "e2e.sh: $*" >&2
	exit 1
}

# wrk, from Debian's package if it is missing.
if ! command -v wrk >/dev/null 2>&1; then
	echo "e2e.sh: wrk not found; installing the Debian package wrk" >&2
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || die "wrk is not installed and installing it needs root (apt-get install -y wrk)"
		sudo=sudo
	fi
	if ! { $sudo apt-get update && $sudo apt-get install -y wrk; } >&2; then
		die "could not install wrk with apt-get (apt-get update && apt-get install -y wrk failed); install wrk and run again"
	fi
	command -v wrk >/dev/null 2>&1 || die "apt-get installed wrk but it is not on PATH"
fi
for tool in taskset curl go; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is required (taskset: util-linux, curl: curl)"
done
ncpu=$(nproc --all)
[ "$ncpu" -ge 2 ] || die "needs at least 2 cores (server on core $SERVER_CPU, wrk on core $CLIENT_CPU); this machine has $ncpu"
if curl -s -o /dev/null --max-time 1 "$BASE/" 2>/dev/null; then
	die "something already answers on $BASE; set PORT"
fi

mkdir -p "$OUT/bin"
echo "building servers into $OUT/bin" >&2
for name in $SERVERS; do
	[ -d "e2e/$name" ] || die "no server e2e/$name"
	go build -o "$OUT/bin/$name" "./e2e/$name"
done

clk_tck=$(getconf CLK_TCK)
server_pid=""
stop_server() {
	if [ -n "$server_pid" ]; then
		kill -TERM "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
		server_pid=""
	fi
}
trap stop_server EXIT
trap 'stop_server; exit 130' INT TERM

# cpu_ticks PID: user+system clock ticks the process has used so far.
cpu_ticks() {
	awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# check NAME URL STATUS TYPE BODY: one request must answer as expected.
check() {
	local name=$1 url=$2 want_status=$3 want_type=$4 want_body=$5 got
	got=$(curl -s --max-time 5 -w '\n%{http_code} %{content_type}' "$url") || die "$name: $url did not answer"
	local body=${got%$'\n'*} meta=${got##*$'\n'}
	local status=${meta%% *} ctype=${meta#* }
	[ "$status" = "$want_status" ] || die "$name: $url answered $status, want $want_status"
	[ -z "$want_type" ] || [[ "$ctype" == "$want_type"* ]] || die "$name: $url has Content-Type '$ctype', want $want_type"
	[ -z "$want_body" ] || [ "$body" = "$want_body" ] || die "$name: $url answered '$body', want '$want_body'"
}

# to_us VALUE: a wrk latency (123.45us, 1.20ms, 2.00s) in microseconds.
to_us() {
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "ms") n *= 1000; else if (u == "s") n *= 1000000; else if (u == "m") n *= 60000000
		printf "%.0f", n }'
}

ROUTES="plaintext message"
declare -A path=([plaintext]=/plaintext [message]=/message/42)
declare -A rps p50 p99 non2xx sockerr cpu cpureq median_rps median_cpureq

echo "# e2e $(date -u +%Y-%m-%dT%H:%MZ), $(go version | cut -d' ' -f3-4), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)" | tee "$OUT/table.md"
echo "# server: taskset -c $SERVER_CPU, GOMAXPROCS=1; client: taskset -c $CLIENT_CPU wrk -t1 -c$CONNS -d$DURATION --latency (after a $WARMUP warm-up); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/table.md"

# Round r starts with the r-th server and wraps around, so that no server
# always runs first (right after the builds, or after the heaviest one).
read -r -a server_list <<<"$SERVERS"
for round in $(seq "$ROUNDS"); do
for slot in "${!server_list[@]}"; do
	name=${server_list[$(((slot + round - 1) % ${#server_list[@]}))]}
	echo "== round $round/$ROUNDS: $name" >&2
	taskset -c "$SERVER_CPU" env GOMAXPROCS=1 "$OUT/bin/$name" -addr "127.0.0.1:$PORT" >"$OUT/$name.log" 2>&1 &
	server_pid=$!
	ready=0
	for _ in $(seq 100); do
		if curl -s -o /dev/null --max-time 1 "$BASE/plaintext"; then
			ready=1
			break
		fi
		kill -0 "$server_pid" 2>/dev/null || die "$name exited at start: $(tail -5 "$OUT/$name.log")"
		sleep 0.1
	done
	[ "$ready" = 1 ] || die "$name did not answer on $BASE within 10s"
	check "$name" "$BASE/plaintext" 200 text/plain 'Hello, World!'
	check "$name" "$BASE/message/42" 200 application/json '{"contents":"hello","author":"ann"}'
	check "$name" "$BASE/message/1000" 404 "" ""

	for route in $ROUTES; do
		url="$BASE${path[$route]}"
		if [ "$WARMUP" != 0 ]; then
			taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNS" -d"$WARMUP" "$url" >/dev/null
		fi
		t0=$(cpu_ticks "$server_pid")
		taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNS" -d"$DURATION" --latency "$url" >"$OUT/$name.$route.$round.txt"
		t1=$(cpu_ticks "$server_pid")
		f="$OUT/$name.$route.$round.txt"
		k="$name/$route/$round"
		rps[$k]=$(awk '/^Requests\/sec:/ { print $2 }' "$f")
		[ -n "${rps[$k]}" ] || die "$name $route: no Requests/sec in wrk's output ($f)"
		p50[$k]=$(to_us "$(awk '$1 == "50%" { print $2 }' "$f")")
		p99[$k]=$(to_us "$(awk '$1 == "99%" { print $2 }' "$f")")
		non2xx[$k]=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$f")
		non2xx[$k]=${non2xx[$k]:-0}
		sockerr[$k]=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$f")
		sockerr[$k]=${sockerr[$k]:-0}
		requests=$(awk '/requests in/ { print $1 }' "$f")
		secs=$(awk '/requests in/ { v = $4; sub(/s,$/, "", v); print v }' "$f")
		# The server's CPU use over the measured run: % of its one core, and
		# CPU time per request, which stays meaningful if wrk is the limit.
		cpu[$k]=$(awk -v d=$((t1 - t0)) -v hz="$clk_tck" -v s="$secs" 'BEGIN { printf "%.0f", 100 * d / hz / s }')
		cpureq[$k]=$(awk -v d=$((t1 - t0)) -v hz="$clk_tck" -v n="$requests" 'BEGIN { printf "%.2f", 1e6 * d / hz / n }')
		echo "   $route: ${rps[$k]} req/s, p50 ${p50[$k]}us, p99 ${p99[$k]}us, server CPU ${cpu[$k]}%" >&2
	done
	stop_server
done
done

# median V...: the median of the numbers given (the mean of the middle two
# when their count is even).
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# over KIND NAME ROUTE: the values of an array (rps, p50, ...) for every round.
over() {
	local -n arr=$1
	local r
	for r in $(seq "$ROUNDS"); do
		echo "${arr[$2/$3/$r]}"
	done
}

{
	echo
	if [ "$ROUNDS" -gt 1 ]; then
		echo "Medians over $ROUNDS rounds; errors are totals."
		echo
	fi
	echo "| server | route | req/s | p50 (µs) | p99 (µs) | non-2xx | socket errors | server CPU | server CPU µs/req | req/s per round |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
	for name in $SERVERS; do
		for route in $ROUTES; do
			# shellcheck disable=SC2046
			{
				m_rps=$(median $(over rps "$name" "$route"))
				m_p50=$(median $(over p50 "$name" "$route"))
				m_p99=$(median $(over p99 "$name" "$route"))
				m_cpu=$(median $(over cpu "$name" "$route"))
				m_cpureq=$(median $(over cpureq "$name" "$route"))
				t_non2xx=$(over non2xx "$name" "$route" | awk '{ t += $1 } END { print t }')
				t_sockerr=$(over sockerr "$name" "$route" | awk '{ t += $1 } END { print t }')
				rounds=$(over rps "$name" "$route" | awk '{ printf "%s%.0f", (NR > 1 ? " / " : ""), $1 }')
			}
			median_rps[$name/$route]=$m_rps
			median_cpureq[$name/$route]=$m_cpureq
			printf '| %s | %s | %.0f | %.0f | %.0f | %s | %s | %.0f%% | %.2f | %s |\n' "$name" "$route" "$m_rps" \
				"$m_p50" "$m_p99" "$t_non2xx" "$t_sockerr" "$m_cpu" "$m_cpureq" "$rounds"
		done
	done
	echo
	echo "The target is on req/s. The CPU ratio is the reference's server CPU µs/req over Tideway's"
	echo "(above 1: Tideway spends less CPU per request); it moves less with a shared machine's stalls."
	echo
	echo "| ratio of req/s | route | ratio (of medians) | per-round range | target | met? | CPU ratio |"
	echo "|---|---|---:|---|---|---|---:|"
	for spec in "tideway-nethttp raw-nethttp 0.90" "tideway-fasthttp raw-fasthttp 0.90" "tideway-fasthttp fiber 1.00"; do
		read -r a b want <<<"$spec"
		for route in $ROUTES; do
			if [ -z "${median_rps[$a/$route]:-}" ] || [ -z "${median_rps[$b/$route]:-}" ]; then
				echo "| $a / $b | $route | | | ≥ $want | not run | |"
				continue
			fi
			range=$(for r in $(seq "$ROUNDS"); do
				awk -v a="${rps[$a/$route/$r]}" -v b="${rps[$b/$route/$r]}" 'BEGIN { printf "%.3f\n", a / b }'
			done | sort -g | awk '{ v[NR] = $1 } END { if (NR > 1) printf "%s – %s", v[1], v[NR] }')
			awk -v a="${median_rps[$a/$route]}" -v b="${median_rps[$b/$route]}" -v w="$want" \
				-v n="$a / $b" -v r="$route" -v range="$range" \
				-v ca="${median_cpureq[$a/$route]}" -v cb="${median_cpureq[$b/$route]}" \
				'BEGIN { x = a / b; printf "| %s | %s | %.3f | %s | ≥ %s | %s | %.3f |\n", n, r, x, range, w, (x >= w ? "yes" : "no"), (ca > 0 ? cb / ca : 0) }'
		done
	done
	echo
	echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); raw wrk output in $OUT"
} | tee -a "$OUT/table.md"
