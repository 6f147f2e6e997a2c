#!/bin/bash
# Idle cost of a node, by hand (docs/performance.md, "Idle cost of a node", second pass).
# usage: bench/idle-window.sh PUBLISHED_NODE_DIR LABEL [N=8] [node args...]
# Starts N published nodes on loopback (seeds = nodes 1 and 2), waits until every node sees N UP, then prints CPU
# (utime + stime from /proc/PID/stat, mean per node, % of one core) and VmRSS for window A (10-40 s after
# convergence, the side-by-side harness window) and window B (130-160 s). ONLY_A=1 skips B; KEEP=1 leaves the nodes
# running (their pids are printed); JITLOG=1 writes each node's JIT-compiled methods (DOTNET_JitDisasmSummary; a
# ReadyToRun publish only, `-p:PublishAot=false`: a native node has no JIT).
NODEDIR=$1; LABEL=$2; N=${3:-8}; shift 3; EXTRA="$@"
W=${WORK_DIR:-/tmp/idle-window}/$LABEL; rm -rf $W; mkdir -p $W
BASEP=$((17000 + RANDOM % 2000 * 2)); 
port(){ echo $((BASEP + $1)); }; admin(){ echo $((BASEP + 100 + $1)); }
SEEDS="127.0.0.1:$(port 1),127.0.0.1:$(port 2)"
CLK=$(getconf CLK_TCK)
cpu(){ awk '{print $14+$15}' /proc/$1/stat; }
rss(){ awk '/VmRSS/{print $2}' /proc/$1/status; }
T0=$(date +%s.%N)
pids=()
for i in $(seq 1 $N); do
  mkdir -p $W/d$i
  if [ -n "$JITLOG" ]; then export DOTNET_JitDisasmSummary=1 DOTNET_JitStdOutFile=$W/jit$i.txt; fi
  $NODEDIR/GossipActors.Node --listen 127.0.0.1:$(port $i) --seeds $SEEDS --admin 127.0.0.1:$(admin $i) --data-dir $W/d$i --cluster-name bench $EXTRA > $W/n$i.log 2>&1 &
  pids+=($!)
done
echo "${pids[@]}" > $W/pids
# joined: per node the time it first sees N UP
conv=0
for t in $(seq 1 1200); do
  all=1
  for i in $(seq 1 $N); do
    c=$(curl -s -m 1 http://127.0.0.1:$(admin $i)/status | grep -o '"status":"UP"' | wc -l)
    [ "$c" -ge "$N" ] || { all=0; break; }
  done
  [ $all = 1 ] && { conv=1; break; }
  sleep 0.1
done
TC=$(date +%s.%N)
if [ $conv = 0 ]; then echo "$LABEL: NOT CONVERGED"; for p in ${pids[@]}; do kill $p; done; exit 1; fi
# CPU to converged (start-up CPU per node)
s=0; for p in ${pids[@]}; do s=$((s + $(cpu $p))); done
echo "$LABEL: converged after $(echo "$TC - $T0" | bc) s; cpu until converged per node $(echo "scale=3; $s/$CLK/$N" | bc) s; load $(cut -d' ' -f1-3 /proc/loadavg)"
window(){ # $1 name, $2 start offset after convergence, $3 length
  local now=$(date +%s.%N); local wait=$(echo "$TC + $2 - $now" | bc); (( $(echo "$wait > 0" | bc) )) && sleep $wait
  local a=(); for p in ${pids[@]}; do a+=($(cpu $p)); done
  sleep $3
  local s=0 j=0 r=0; for p in ${pids[@]}; do b=$(cpu $p); s=$((s + b - a[j])); j=$((j+1)); r=$((r + $(rss $p))); done
  echo "$LABEL: window $1: cpu $(echo "scale=2; 100*$s/$CLK/$3/$N" | bc) % per node; rss $(echo "scale=1; $r/1024/$N" | bc) MiB per node; load $(cut -d' ' -f1-3 /proc/loadavg)"
}
window A 10 30
[ -n "$ONLY_A" ] || window B 130 30
[ -n "$KEEP" ] && { echo "kept running: ${pids[@]}"; exit 0; }
for p in ${pids[@]}; do kill $p; done; wait 2>/dev/null
