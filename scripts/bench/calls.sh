#!/usr/bin/env bash
# Call-capacity benchmark: the appliance (agentctl serve) with its OpenAI-compatible engines pointed at the upstream
# simulator (agentctl upstream-sim: fixed, known latencies, no GPU, no internet), loaded by agentctl loadtest with a
# concurrency ladder. Writes docs/benchmarks.md (machine, versions, numbers, how to reproduce) and
# docs/benchmarks-calls.png (latency percentiles against concurrency), with each target of issue 8 marked met or not.
#
#   scripts/bench/calls.sh                      # ladder 1 10 50 100 150, pinned on a machine with >= 2 cores
#   LADDER="1 10 50" scripts/bench/calls.sh     # another ladder
#   PIN=0 scripts/bench/calls.sh                # unpinned: the three processes share every core
#   LADDER=1 CALLS_PER_RUNG=1 DOCS=0 scripts/bench/calls.sh   # a quick end-to-end check of the script
#   KEEP=1 scripts/bench/calls.sh               # keep the work dir (logs, per-rung JSON reports)
#   DOCS=0 scripts/bench/calls.sh               # only print the rungs, leave docs/ alone
#
# Needs: a JDK 17+, the shared folder (Silero VAD model, Hebrew evaluation audio) found like the tests find it
# (MOKED_SHARED_DIR, or a parent folder holding shared/eval). Everything runs on this machine. Pinned mode (the
# default with >= 2 cores and taskset): the appliance runs on core 0 alone (`taskset -c 0`, so its JVM sizes its
# pools for one core) and the simulator and load generator on core 1, so the ladder measures calls per core rather
# than three processes fighting for the same cores. Each process reports its own CPU use.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

LADDER=${LADDER:-"1 10 50 100 150"}
# calls per rung: the concurrency, at least this many (CALLS_PER_RUNG=1 for a quick check)
CALLS_PER_RUNG=${CALLS_PER_RUNG:-3}
PIN=${PIN:-auto}
if [[ "$PIN" == auto ]]; then
  if [[ "$(nproc)" -ge 2 ]] && command -v taskset >/dev/null; then PIN=1; else PIN=0; fi
fi
if [[ "$PIN" == 1 ]]; then
  APP_CPUS=${APP_CPUS:-0}      # the appliance's core(s)
  LOAD_CPUS=${LOAD_CPUS:-1}    # simulator and load generator
  ON_APP=(taskset -c "$APP_CPUS")
  ON_LOAD=(taskset -c "$LOAD_CPUS")
else
  APP_CPUS=all LOAD_CPUS=all
  ON_APP=()
  ON_LOAD=()
fi
SIM_TTFT_MS=${SIM_TTFT_MS:-300}
SIM_TOKENS_PER_S=${SIM_TOKENS_PER_S:-50}
SIM_STT_MS=${SIM_STT_MS:-200}
SIM_TTS_RTF=${SIM_TTS_RTF:-0.2}
ENDPOINT_SILENCE_MS=650   # moked.vad.end-of-turn-silence-ms default (the bench tenant does not override it)
NUMBER="+97235550199"

find_shared() {
  if [[ -n "${MOKED_SHARED_DIR:-}" ]]; then echo "$MOKED_SHARED_DIR"; return; fi
  local d="$ROOT"
  while [[ "$d" != / ]]; do
    if [[ -d "$d/shared/eval" ]]; then echo "$d/shared"; return; fi
    d="$(dirname "$d")"
  done
  echo "calls.sh: shared folder not found (set MOKED_SHARED_DIR)" >&2
  exit 1
}
SHARED="$(find_shared)"
AUDIO="$SHARED/eval/hebrew-speech/audio_8k_ulaw/hebdb_gt"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICKS_PER_S=$(getconf CLK_TCK)

WORK="$(mktemp -d /tmp/moked-bench-calls.XXXXXX)"
PIDS=()
cleanup() {
  # appliance first (newest first), so it does not see its engines vanish while it drains
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do kill "${PIDS[$i]}" 2>/dev/null || true; wait "${PIDS[$i]}" 2>/dev/null || true; done
  if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$WORK"; else echo "work dir kept: $WORK" >&2; fi
}
trap cleanup EXIT

echo "== building agentctl" >&2
./mvnw -B -q ${MVN_OFFLINE:--o} -pl cli -am package -Dmaven.test.skip=true >&2
export MOKED_SKIP_BUILD=1 MOKED_CDS=0

mkdir -p "$WORK/models" "$WORK/results"
ln -s "$SHARED/models/silero_vad_v6.2.onnx" "$WORK/models/silero_vad.onnx"   # linked, never copied
# a Twilio-format auth token (32 hex characters): agentctl tenant set-twilio refuses anything else
head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$WORK/token"
chmod 600 "$WORK/token"
cat > "$WORK/scenario.yaml" <<YAML
# greeting, a question, then the caller interrupts the agent's answer after 1 s
turns:
  - audio: $AUDIO/hebdb_gt_01.wav
    pause_ms: 800
  - audio: $AUDIO/hebdb_gt_09.wav
    barge_in_after_ms: 1000
YAML

SIM_PORT=$(free_port)
APP_PORT=$(free_port)
MGMT_PORT=$(free_port)   # management listener (127.0.0.1): /ready, /prometheus
export MOKED_DATA_DIR="$WORK/var" MOKED_MODELS_DIR="$WORK/models"
export MOKED_OPENAI_BASE_URL="http://127.0.0.1:$SIM_PORT/v1" MOKED_OPENAI_API_KEY=upstream-sim
export MOKED_ENGINES_STT_ORDER=openai MOKED_ENGINES_LLM_ORDER=openai MOKED_ENGINES_TTS_ORDER=openai
export MOKED_CALL_MAX_CONCURRENT_CALLS=250
# Remote (OpenAI-compatible) engines run on their own I/O-sized executors (moked.engines.<kind>.remote-threads,
# default 64 requests in flight per kind), local inference on executors sized to the cores. REMOTE_THREADS=N
# overrides the remote size for an experiment; 0 = the appliance's default.
REMOTE_THREADS=${REMOTE_THREADS:-0}
if [[ "$REMOTE_THREADS" != 0 ]]; then
  for kind in STT LLM TTS; do
    export "MOKED_ENGINES_${kind}_REMOTE_THREADS=$REMOTE_THREADS"
  done
fi

echo "== upstream simulator on :$SIM_PORT" >&2
echo "== pinned: $PIN (appliance on cpus $APP_CPUS, simulator + load generator on cpus $LOAD_CPUS)" >&2
${ON_LOAD[@]+"${ON_LOAD[@]}"} ./agentctl upstream-sim --port "$SIM_PORT" --ttft-ms "$SIM_TTFT_MS" --tokens-per-s "$SIM_TOKENS_PER_S" \
  --stt-ms "$SIM_STT_MS" --tts-rtf "$SIM_TTS_RTF" --script scripts/bench/upstream-sim.yaml >"$WORK/sim.log" 2>&1 &
SIM_PID=$!
PIDS+=("$SIM_PID")

echo "== tenant" >&2
./agentctl tenant create --from scripts/bench/bench-tenant.yaml >/dev/null
./agentctl tenant set-twilio --tenant bench-homes --account-sid AC0000000000000000000000000000be01 \
  --auth-token-file "$WORK/token" >/dev/null
./agentctl prompt push --tenant bench-homes --file config/examples/prompts/voice.he.md >/dev/null
./agentctl prompt activate --tenant bench-homes 1 >/dev/null

echo "== appliance on :$APP_PORT" >&2
# APP_JAVA_OPTS: extra JVM options of the appliance, e.g. -XX:StartFlightRecording=filename=/tmp/app.jfr
AGENTCTL_JAVA_OPTS="-XX:ErrorFile=$WORK/hs_err_%p.log ${APP_JAVA_OPTS:-}" MOKED_MANAGEMENT_PORT="$MGMT_PORT" ${ON_APP[@]+"${ON_APP[@]}"} ./agentctl serve --port "$APP_PORT" >"$WORK/serve.log" 2>&1 &
APP_PID=$!
PIDS+=("$APP_PID")
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$MGMT_PORT/ready" 2>/dev/null | grep -q '"ready":true'; then break; fi
  sleep 1
done
curl -fs "http://127.0.0.1:$MGMT_PORT/ready" | grep -q '"ready":true' || { echo "appliance not ready" >&2; cat "$WORK/serve.log" >&2; exit 1; }

# one warm-up call so JIT and connection pools are not measured in the first rung
${ON_LOAD[@]+"${ON_LOAD[@]}"} ./agentctl loadtest --url "http://127.0.0.1:$APP_PORT" --to "$NUMBER" --calls 2 --concurrency 2 \
  --auth-token-file "$WORK/token" --script "$WORK/scenario.yaml" >/dev/null 2>&1 || true

for C in $LADDER; do
  CALLS=$(( C < CALLS_PER_RUNG ? CALLS_PER_RUNG : C ))
  RAMP=$(awk -v c="$C" 'BEGIN { printf "%.1f", c / 20 }')
  echo "== rung: $C concurrent ($CALLS calls, ramp ${RAMP}s); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # appliance counters before the rung: the report takes per-rung differences (inbound lag, turn events)
  curl -fs "http://127.0.0.1:$MGMT_PORT/prometheus" > "$WORK/results/rung-$C.prom0" 2>/dev/null || true
  app0=$(cpu_ticks "$APP_PID"); sim0=$(cpu_ticks "$SIM_PID"); t0=$(date +%s.%N)
  ${ON_LOAD[@]+"${ON_LOAD[@]}"} ./agentctl loadtest --url "http://127.0.0.1:$APP_PORT" --to "$NUMBER" --calls "$CALLS" --concurrency "$C" \
    --ramp "$RAMP" --auth-token-file "$WORK/token" --script "$WORK/scenario.yaml" \
    --metrics-url "http://127.0.0.1:$MGMT_PORT/prometheus" --report "$WORK/results/rung-$C.json" >"$WORK/results/rung-$C.txt" 2>"$WORK/results/rung-$C.err" || true
  app1=$(cpu_ticks "$APP_PID"); sim1=$(cpu_ticks "$SIM_PID"); t1=$(date +%s.%N)
  awk -v a0="$app0" -v a1="$app1" -v s0="$sim0" -v s1="$sim1" -v t0="$t0" -v t1="$t1" -v hz="$TICKS_PER_S" \
    'BEGIN { w = t1 - t0; printf "appliance_cpu_percent=%.1f\nsimulator_cpu_percent=%.1f\n", 100 * (a1 - a0) / hz / w, 100 * (s1 - s0) / hz / w }' \
    > "$WORK/results/rung-$C.cpu"
  curl -fs "http://127.0.0.1:$MGMT_PORT/prometheus" > "$WORK/results/rung-$C.prom" 2>/dev/null || true
  cat "$WORK/results/rung-$C.txt" >&2
done

cat > "$WORK/results/machine.properties" <<PROPS
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
cores=$(nproc)
memory=$(free -g | awk '/Mem:/ { print $2 " GiB" }')
os=$(. /etc/os-release && echo "$PRETTY_NAME")
java=$(java -version 2>&1 | head -1)
commit=$(git rev-parse --short HEAD)
date=$(date -u +%Y-%m-%dT%H:%MZ)
load=$(cut -d' ' -f1-3 /proc/loadavg)
sim=ttft ${SIM_TTFT_MS} ms, ${SIM_TOKENS_PER_S} tokens/s, stt ${SIM_STT_MS} ms, tts rtf ${SIM_TTS_RTF}
floor_ms=$(awk -v e="$ENDPOINT_SILENCE_MS" -v s="$SIM_STT_MS" -v t="$SIM_TTFT_MS" -v tps="$SIM_TOKENS_PER_S" -v r="$SIM_TTS_RTF" 'BEGIN { printf "%.0f", e + s + t + 1000 / tps + r * 100 }')
ladder=$LADDER
remote_threads=$REMOTE_THREADS
pinned=$PIN
app_cpus=$APP_CPUS
load_cpus=$LOAD_CPUS
PROPS

if [[ "${DOCS:-1}" == 0 ]]; then
  exit 0
fi
mkdir -p docs docs/bench
rm -f docs/bench/rung-*.json
cp "$WORK/results/"rung-*.json docs/bench/
java -Djava.awt.headless=true -cp "cli/target/agentctl.jar:cli/target/lib/*" scripts/bench/LadderReport.java \
  "$WORK/results" docs/benchmarks-calls.png > "$WORK/calls-section.md"
python3 - "$WORK/calls-section.md" docs/benchmarks.md <<'PY'
import re, sys
section = open(sys.argv[1], encoding="utf-8").read()
try:
    doc = open(sys.argv[2], encoding="utf-8").read()
except FileNotFoundError:
    doc = "# Moked benchmarks\n\n"
begin, end = "<!-- calls.sh:begin -->", "<!-- calls.sh:end -->"
block = begin + "\n" + section.rstrip() + "\n" + end
doc = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda m: block, doc, flags=re.S) if begin in doc else doc.rstrip() + "\n\n" + block + "\n"
open(sys.argv[2], "w", encoding="utf-8").write(doc)
PY
echo "wrote docs/benchmarks.md and docs/benchmarks-calls.png" >&2
