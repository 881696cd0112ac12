#!/usr/bin/env bash
# instructions.sh: instructions per op of one benchmark, counted by
# cachegrind, a figure that load on a shared machine does not move.
#
# usage: bench/instructions.sh TEST_BINARY BENCH_REGEX N1 N2
#   TEST_BINARY  a test binary (go test -c -o results/bench.test .)
#   BENCH_REGEX  one benchmark, e.g. '^BenchmarkBindGetByID$/^framework=tideway$'
#   N1 < N2      two -test.benchtime counts (e.g. 2000 12000)
#
# It runs the benchmark at N1 and at N2 iterations under
# `valgrind --tool=cachegrind` and prints (I refs at N2 - I refs at N1) /
# (N2 - N1): set-up, calibration and the binary's start cancel out. Needs
# valgrind (Debian: apt-get install -y valgrind). GC work moves a figure by
# about 1% (up to 3% for allocation-heavy benchmarks) between runs.
set -euo pipefail

if [ $# -ne 4 ] || [ "$3" -ge "$4" ]; then
	echo "usage: $0 TEST_BINARY BENCH_REGEX N1 N2 (N1 < N2)" >&2
	exit 2
fi
bin=$1 re=$2 n1=$3 n2=$4

refs() {
	GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=cachegrind --cache-sim=no \
		--cachegrind-out-file=/dev/null "$bin" -test.run XXX -test.bench "$re" -test.benchtime "${1}x" 2>&1 |
		awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
}

a=$(refs "$n1")
b=$(refs "$n2")
if [ -z "$a" ] || [ -z "$b" ]; then
	echo "$0: no instruction count from valgrind (is it installed? does $re match one benchmark?)" >&2
	exit 1
fi
echo "$re $(((b - a) / (n2 - n1)))"
