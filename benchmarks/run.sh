#!/usr/bin/env bash
# The benchmark command (docs/benchmarks.md): builds the Spring Boot 3.5 servers' jar, the Spring Boot 4.1 servers'
# jar and the driver, then runs the whole comparison of both lines and writes results.md, results.csv and the PNG
# plots (into docs/benchmarks unless --out is given).
#   bash benchmarks/run.sh                        # 7 rounds of every target, about 75 minutes on 2 cores
#   bash benchmarks/run.sh --quick --out=/tmp/b   # 3 short rounds, about 8 minutes: a smoke run that judges nothing
#   bash benchmarks/run.sh --skip-build --pool=A,B --out=DIR  # one report of the rounds of runs A and B, measures nothing
# This script's own options: --skip-build (reuse the jars), --no-pin (no taskset).
# The driver's (benchmarks/driver, Options.java): --rounds=N --warm-up=S --warm-up-limit=S --concurrency-warm-up=S
#   --slices=N --settle=S --measure=S --watchers=N,M --flips=N --probes=N --targets=bare,netdevh,starter,starter-slow,bare4,boot4,starter4,starter4-slow --out=DIR
#   --pool=DIR,DIR,... (the folders earlier runs wrote: their rounds in one report; DIR:check+probe takes only those
#   sections of a run: check, probe, startup, watch)
#   --server-jvm-options="-Xlog:gc:file=/tmp/{target}-gc.log ..." (to look into the servers; figures not comparable)
# Pinning: the driver, which is the load generator, runs on the first half of the CPUs this shell may use, every
# server on the other half (taskset, from Debian's util-linux); on 2 CPUs the load generator is on CPU 0 and the
# servers on CPU 1. Without taskset, or with one CPU, nothing is pinned and results.md says so.
# Maven options go in MAVEN_ARGS (e.g. MAVEN_ARGS=-o for an offline build).
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
pin=true
args=()
for arg in "$@"; do
	case "$arg" in
		--skip-build) build=false ;;
		--no-pin) pin=false ;;
		*) args+=("$arg") ;;
	esac
done
out_given=false
for arg in ${args[@]+"${args[@]}"}; do
	if [[ "$arg" == --out=* ]]; then out_given=true; fi
done
if ! $out_given; then args=(--out=docs/benchmarks ${args[@]+"${args[@]}"}); fi

if $build; then
	# package only: nothing of this checkout is installed into ~/.m2
	./mvnw -B -ntp -q -Pbenchmarks -DskipTests package \
		-pl benchmarks/boot3-server,benchmarks/boot4-server,benchmarks/driver -am
fi

# the CPUs this shell may use, "0-1,4" expanded to (0 1 4)
cpus=()
allowed=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/self/status 2>/dev/null || true)
for part in ${allowed//,/ }; do
	if [[ "$part" == *-* ]]; then
		for ((cpu = ${part%-*}; cpu <= ${part#*-}; cpu++)); do cpus+=("$cpu"); done
	else
		cpus+=("$part")
	fi
done
pinned=()
if ! $pin; then
	args+=("--unpinned-reason=--no-pin given")
elif ! command -v taskset >/dev/null 2>&1; then
	echo "== taskset not found (Debian: apt-get install util-linux): servers and load generator share every CPU" >&2
	args+=("--unpinned-reason=taskset not found (Debian: util-linux)")
elif ((${#cpus[@]} < 2)); then
	args+=("--unpinned-reason=only ${#cpus[@]} CPU to run on")
else
	half=$((${#cpus[@]} / 2))
	load=$(IFS=,; echo "${cpus[*]:0:half}")
	server=$(IFS=,; echo "${cpus[*]:half}")
	pinned=(taskset -c "$load")
	args+=("--server-cpus=$server")
fi
exec ${pinned[@]+"${pinned[@]}"} java -Xms1g -Xmx2g -XX:+UseG1GC -jar benchmarks/driver/target/driver.jar "${args[@]}"
