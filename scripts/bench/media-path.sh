#!/usr/bin/env bash
# Media-path micro-benchmark (JMH): cost per 20 ms call frame of μ-law decode/encode, 8->16 kHz resampling,
# Silero VAD, and base64+JSON of a Twilio media message. Needs the Silero model from the shared folder
# (found like the tests do: -Dmoked.shared.dir, MOKED_SHARED_DIR, or a parent folder holding shared/eval).
#
#   scripts/bench/media-path.sh              # default: 1 fork, 3 warm-up + 5 measured 1 s iterations
#   scripts/bench/media-path.sh -i 10 -wi 5  # any extra JMH options
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 scripts/bench/media-path.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

OFFLINE=${MVN_OFFLINE:--o}
./mvnw -B -q $OFFLINE -pl server test-compile
CP_FILE=server/target/bench-classpath.txt
./mvnw -B -q $OFFLINE -pl server dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$CP_FILE" >/dev/null
CP="server/target/test-classes:server/target/classes:$(cat "$CP_FILE")"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
RESULT=server/target/media-path-bench.csv

"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" org.openjdk.jmh.Main 'io.moked.bench.MediaPathBenchmark' \
  -rf csv -rff "$RESULT" "$@"

echo
echo "== Media path wall time ($( "$JAVA" -version 2>&1 | head -1 ), $(nproc) cores, load:$(cut -d' ' -f1-3 /proc/loadavg))"
awk -F, 'NR > 1 {
    gsub(/"/, "", $1); n = split($1, parts, "."); name = parts[n]; score = $5; err = $6
    unit = (name ~ /^vadChunk/) ? "us per 32 ms VAD chunk" : "us per 20 ms frame"
    printf "  %-16s %10.2f +- %-8.2f %s\n", name, score, err, unit
    if (name == "vadChunk8k") vad8 = score
    if (name == "vadChunk16k") vad16 = score
    if (name == "inboundFrame") inb = score
    if (name == "outboundFrame") outb = score
  }
  END {
    if (vad8 != "") printf "  VAD 8 kHz: %.3f ms per chunk = %.2f us per 20 ms frame (x 0.625)\n", vad8 / 1000, vad8 * 0.625
    if (vad16 != "") printf "  VAD 16 kHz: %.3f ms per chunk = %.2f us per 20 ms frame\n", vad16 / 1000, vad16 * 0.625
    if (inb != "" && outb != "") {
      total = inb + outb
      printf "  one call, both directions: %.2f us per 20 ms frame = %.2f %% of one core\n", total, total / 200
    }
  }' "$RESULT"

# Wall time above includes waiting for a core on a busy machine; thread CPU time does not.
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" io.moked.bench.MediaPathCpuTime 2>&1 | grep -v '^SLF4J'
