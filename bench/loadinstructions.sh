#!/usr/bin/env bash
# loadinstructions.sh: instructions per request of an e2e server under
# wrk's load, counted by cachegrind.
#
# usage: bench/loadinstructions.sh SERVER_BINARY PATH D1 D2
#   SERVER_BINARY  an e2e server (e2e.sh builds them into results/e2e/*/bin)
#   PATH           the route to request, e.g. /plaintext or /message/1
#   D1 < D2        two wrk durations, e.g. 3s 12s
#
# It runs the server under `valgrind --tool=cachegrind` (GOMAXPROCS=1,
# core 0) while `wrk -t1 -c64` drives it from core 1, once for D1 and once
# for D2, and prints (I refs in run 2 - I refs in run 1) / (requests in
# run 2 - requests in run 1): start-up and shutdown cancel out, and what
# is left is the server's cost of a request with 64 connections open, as
# in e2e.sh. valgrind slows the server about 50x, so wrk always has
# requests waiting. Needs valgrind, wrk and curl (Debian packages).
set -euo pipefail

if [ $# -ne 4 ]; then
	echo "usage: $0 SERVER_BINARY PATH D1 D2" >&2
	exit 2
fi
bin=$1 path=$2

# run DURATION prints the instructions and the requests of one run.
run() {
	local port=$((20000 + RANDOM % 10000)) out log vp req ir
	out=$(mktemp) log=$(mktemp)
	GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 taskset -c 0 valgrind --tool=cachegrind --cache-sim=no \
		--cachegrind-out-file="$out" "$bin" -addr "127.0.0.1:$port" >"$log" 2>&1 &
	vp=$!
	for _ in $(seq 150); do
		curl -s -o /dev/null "http://127.0.0.1:$port$path" && break
		sleep 0.2
	done
	req=$(taskset -c 1 wrk -t1 -c64 -d"$1" "http://127.0.0.1:$port$path" | awk '/requests in/ { print $1 }')
	kill -INT "$vp"
	sleep 0.5
	kill -TERM "$vp" 2>/dev/null || true
	wait "$vp" 2>/dev/null || true
	ir=$(awk '/^summary:/ { print $2 }' "$out")
	rm -f "$out" "$log"
	if [ -z "$ir" ] || [ -z "$req" ]; then
		echo "$0: no count from valgrind or wrk for $bin $path" >&2
		exit 1
	fi
	echo "$ir $req"
}

read -r a ra <<<"$(run "$3")"
read -r b rb <<<"$(run "$4")"
echo "$bin $path $(((b - a) / (rb - ra))) instructions/request ($ra and $rb requests)"
