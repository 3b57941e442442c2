#!/usr/bin/env bash
# The benchmark command (docs/benchmarks.md): builds the starter and the benchmarks, then runs every
# measurement side by side and writes results.md, results.csv and the PNG plots.
#   bash benchmarks/run.sh                      # 6 rounds, about 20 minutes on 2 cores, into docs/benchmarks
#   bash benchmarks/run.sh --quick --out=/tmp/b  # one short round, to try it out
# Other options: --rounds=N --warm-up=S --measure=S --watchers=1000,10000 --flips=N --probes=N
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -Pbenchmarks -DskipTests install -pl benchmarks -am
out_given=false
for arg in "$@"; do [[ "$arg" == --out=* ]] && out_given=true; done
if ! $out_given; then set -- --out=docs/benchmarks "$@"; fi
exec java -Xms1g -Xmx2g -jar benchmarks/target/health-grpc-benchmarks.jar "$@"
