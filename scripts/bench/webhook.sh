#!/usr/bin/env bash
# Voice webhook latency (io.moked.bench.WebhookBench): an appliance on SQLite (temporary data dir, test engines, so
# only the webhook path is measured) is restarted and signed POST /twilio/voice requests of new calls arrive at a
# fixed rate. Prints p50/p95/p99/max for the first second, seconds 1-4 and the rest, once with the first call as
# soon as the server listens and once after /ready says ready (what a load balancer waits for).
#
#   scripts/bench/webhook.sh              # 20 calls/s for 10 s
#   scripts/bench/webhook.sh 50 10        # 50 calls/s for 10 s
#
# BENCH_CPU=0 scripts/bench/webhook.sh pins the JVM (appliance and the client sending the webhooks together) to CPU 0.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
rate="${1:-20}"
seconds="${2:-10}"
./mvnw -B -q -o -pl server test-compile
./mvnw -B -q -o -pl server dependency:build-classpath -Dmdep.outputFile="$root/server/target/bench.classpath" >/dev/null
cp="server/target/classes:server/target/test-classes:$(cat server/target/bench.classpath)"
pin=()
if [[ -n "${BENCH_CPU:-}" ]]; then pin=(taskset -c "$BENCH_CPU"); fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for after in start ready; do
  echo "--- first call after: $after"
  ${pin[@]+"${pin[@]}"} java --enable-native-access=ALL-UNNAMED -Dfile.encoding=UTF-8 -Xmx512m ${BENCH_JAVA_OPTS:-} \
    -cp "$cp" io.moked.bench.WebhookBench --rate "$rate" --seconds "$seconds" --after "$after" \
    | grep -E '^(webhook bench|first second|seconds 1-4|after 4 s|answers)'
done
echo "machine after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
