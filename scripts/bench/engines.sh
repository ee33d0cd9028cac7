#!/usr/bin/env bash
# Engine benchmark on this machine: load time, latency / real-time factor (whisper on Hebrew eval clips), tokens per
# second and first token (llama), first audio and RTF (Piper from Hebrew G2P phonemes) for every model file in the
# models directories; lists the manifest models that are not installed, and writes the measured latencies to
# <models dir>/bench-results.json for `agentctl models recommend`.
#
#   scripts/bench/engines.sh                 # $MOKED_MODELS_DIR (or ./var/models) + shared/models
#   scripts/bench/engines.sh DIR [DIR...]    # explicit models directories
#
# Knobs: -Dbench.whisper.clips=N -Dbench.llama.tokens=N -Dbench.llama.runs=N via BENCH_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -B -q -o -pl server test-compile
./mvnw -B -q -o -pl server dependency:build-classpath -Dmdep.outputFile="$root/server/target/bench.classpath" >/dev/null
cp="server/target/classes:server/target/test-classes:$(cat server/target/bench.classpath)"
exec java --enable-native-access=ALL-UNNAMED -Dfile.encoding=UTF-8 ${BENCH_JAVA_OPTS:-} \
  -cp "$cp" io.moked.bench.EngineBench "$@"
