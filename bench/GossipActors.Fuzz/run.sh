#!/usr/bin/env bash
# Coverage-guided fuzzing of one target with afl-fuzz and SharpFuzz, for a fixed number of executions.
#   bench/GossipActors.Fuzz/run.sh TARGET EXECUTIONS
# TARGET: decode | frames | handshake (see docs/testing.md). Prints executions, exec/s, crashes and hangs; exits 1
# when afl-fuzz saved any crash or hang, after replaying each one to show what it did. Work files, findings
# included, are left in artifacts/fuzz/TARGET, and afl-fuzz's queue minimised with afl-cmin in
# artifacts/fuzz/TARGET/corpus (what bench/GossipActors.Fuzz/corpus/TARGET is refreshed from). Runs at nice 10 on
# one core (afl-fuzz binds itself to a free one).
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 decode|frames|handshake EXECUTIONS" >&2
  exit 2
fi
target=$1 executions=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/artifacts/fuzz/$target"
bin="$root/artifacts/fuzz/bin"

command -v afl-fuzz >/dev/null 2>&1 || { echo "$0: afl-fuzz is missing: apt-get install -y afl++" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# A fresh build every time: SharpFuzz refuses an assembly it already instrumented.
rm -rf "$bin"
dotnet tool restore >/dev/null
dotnet publish -c Release -o "$bin" "$here/GossipActors.Fuzz.csproj" >/dev/null
(cd "$root" && dotnet tool run sharpfuzz "$bin/GossipActors.Protocol.dll" \
  && dotnet tool run sharpfuzz "$bin/GossipActors.Remote.dll" \
    GossipActors.Remote.Connections.HandshakePolicy GossipActors.Remote.Connections.MessageCompressor) >/dev/null

rm -rf "$work"
mkdir -p "$work"
dotnet "$bin/GossipActors.Fuzz.dll" seeds "$target" "$work/seeds"

# -m none: the runtime reserves far more address space than it uses, so afl's address-space limit cannot be used;
# memory is bounded per input by the harness's allocation guard, and for the process by the GC's hard limit.
export DOTNET_GCHeapHardLimit=0x20000000 DOTNET_TieredCompilation=0 DOTNET_gcServer=0
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
started=$(date +%s)
nice -n 10 afl-fuzz -i "$work/seeds" -o "$work/out" -E "$executions" -t 2000 -m none \
  -- dotnet "$bin/GossipActors.Fuzz.dll" fuzz "$target" "$@" >"$work/afl.log" 2>&1 || {
  echo "afl-fuzz failed; the end of its log ($work/afl.log):" >&2
  tail -n 30 "$work/afl.log" >&2
  exit 1
}
elapsed=$(( $(date +%s) - started ))

stats="$work/out/default/fuzzer_stats"
stat() { sed -n "s/^$1 *: *//p" "$stats"; }
done_=$(stat execs_done) crashes=$(stat saved_crashes) hangs=$(stat saved_hangs)
echo "target $target: $done_ executions in ${elapsed}s ($(( done_ / (elapsed > 0 ? elapsed : 1) )) exec/s overall," \
  "afl's last $(stat execs_per_sec) exec/s), corpus $(stat corpus_count), edges $(stat edges_found)/$(stat total_edges)," \
  "crashes $crashes, hangs $hangs"
nice -n 10 afl-cmin -i "$work/out/default/queue" -o "$work/corpus" -m none -t 5000 \
  -- "$(command -v dotnet)" "$bin/GossipActors.Fuzz.dll" fuzz "$target" "$@" >"$work/afl-cmin.log" 2>&1 \
  && echo "minimised corpus: $(find "$work/corpus" -type f | wc -l) inputs in $work/corpus" \
  || echo "afl-cmin failed (see $work/afl-cmin.log); the run's result above stands" >&2
if [ "$crashes" != 0 ] || [ "$hangs" != 0 ]; then
  dotnet "$bin/GossipActors.Fuzz.dll" replay "$target" "$@" "$work/out/default/crashes" "$work/out/default/hangs" || true
  exit 1
fi
