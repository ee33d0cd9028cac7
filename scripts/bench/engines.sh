#!/usr/bin/env bash
# Engine benchmark on this machine: load time and time per 32 ms chunk (Silero VAD), latency / real-time factor and
# confidence source (whisper on Hebrew eval clips), tokens per second and first token (llama), first audio and RTF
# (Piper from Hebrew G2P phonemes) for every model file in the models directories. Each file is identified by its
# sha256 against models/manifest.yaml: toy and test models (stories260K, whisper's weightless test file, the Piper
# fixture) are labelled as plumbing figures and never recorded. Ends with which engines had a real model, only a toy
# one, or none, and the manifest models not installed; writes the real models' latencies, with file, sha256 and
# machine, to <first models dir>/bench-results.json for `agentctl models recommend`.
#
#   scripts/bench/engines.sh                 # $MOKED_MODELS_DIR (or ./var/models) + shared/models
#   scripts/bench/engines.sh DIR [DIR...]    # explicit models directories (results go to the first)
#
# Knobs via BENCH_JAVA_OPTS: -Dbench.whisper.clips=N -Dbench.llama.tokens=N -Dbench.llama.runs=N -Dbench.vad.rounds=N
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -B -q -o -pl server test-compile
./mvnw -B -q -o -pl server dependency:build-classpath -Dmdep.outputFile="$root/server/target/bench.classpath" >/dev/null
cp="server/target/classes:server/target/test-classes:$(cat server/target/bench.classpath)"
exec java --enable-native-access=ALL-UNNAMED -Dfile.encoding=UTF-8 ${BENCH_JAVA_OPTS:-} \
  -cp "$cp" io.moked.bench.EngineBench "$@"
