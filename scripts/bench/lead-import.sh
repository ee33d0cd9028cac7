#!/usr/bin/env bash
# Lead import benchmark: generates a CSV of N rows like an office's export (Hebrew names and areas, mixed phone
# formats, 1 % invalid and 1 % repeated phones; the file lives in a temporary directory and is deleted afterwards),
# imports it into a fresh tenant on SQLite and on PostgreSQL (a throwaway database on 127.0.0.1:5432), then imports
# the same file again. Prints rows per second (wall clock and per CPU second of the importing thread) and the heap.
#
#   scripts/bench/lead-import.sh            # 100,000 rows, both databases
#   scripts/bench/lead-import.sh 20000 sqlite
#
# Heap: BENCH_HEAP (default 256m) is the -Xmx the import runs under; LeadImportMemoryTest shows it fits in 48m.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
rows="${1:-100000}"
dbs="${2:-sqlite postgresql}"
./mvnw -B -q -o -pl server test-compile
./mvnw -B -q -o -pl server dependency:build-classpath -Dmdep.outputFile="$root/server/target/bench.classpath" >/dev/null
cp="server/target/classes:server/target/test-classes:$(cat server/target/bench.classpath)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for db in $dbs; do
  java --enable-native-access=ALL-UNNAMED -Dfile.encoding=UTF-8 -Xmx"${BENCH_HEAP:-256m}" ${BENCH_JAVA_OPTS:-} \
    -cp "$cp" io.moked.bench.LeadImportBench --rows "$rows" --db "$db" \
    | grep -E '^(lead import|first run|second run)'
done
echo "machine after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
