#!/usr/bin/env bash
# benchmarks/mlffr/run.sh: the forwarding-rate benchmark of the SMP Click paper (section 5) on veth
# pairs between three network namespaces, comparing in one run, on one topology:
#   kernel    the Linux kernel forwarding (ip_forward=1 in the router namespace, jclick off)
#   jclick-1  bin/click -j 1 conf/ip-router.click (the Figure 2 router on FromDevice/ToDevice)
#   jclick-2  the same with -j 2
#   jclick-xdp-1, jclick-xdp-2  the same with METHOD=XDP (AF_XDP sockets instead of AF_PACKET rings)
# For each it measures the forwarded rate at full offered load and searches the MLFFR, the highest
# offered rate forwarded with no loss over a trial (binary search over offered rates).
#
#   generator ns  g0 198.51.100.2 --veth-- r0 198.51.100.1  router ns  r1 203.0.113.1 --veth-- s0 203.0.113.2  sink ns
#
# The generator is our own (click.devices.UdpGenerator: 60-byte UDP frames, 64 with the FCS, through
# an AF_PACKET transmit ring, paced in batches), pinned to CPU 0; the forwarder gets CPU 1 (jclick -j 1's
# router thread is pinned there, and RPS on r0 puts the router's receive processing there: all of the
# kernel's forwarding, the copy into jclick's receive ring; jclick -j 2 uses both CPUs, so it shares
# CPU 0 with the generator). With METHOD=XDP the receive work is the XDP program and the copies into
# jclick's UMEM, done in r0's NAPI poll, which RPS does not move (--xdp-napi says who runs it):
#   busy      (default) jclick's own recvfrom calls busy-poll r0's NAPI on the router thread (the
#             paper's polling; r0's napi_defer_hard_irqs 2 and gro_flush_timeout 50 us leave r0 to
#             them, the kernel taking over only when jclick has not polled for 50 us; with 200 us, stalls of the router
#             thread overflowed r0's 256-frame ring now and then)
#   threaded  r0 gets threaded NAPI, its kthread (napi/r0-N) pinned to the forwarder's CPU
#   softirq   nothing changed: the softirq of the sending CPU (the generator's) does it, cheaper for
#             the forwarder's CPU, so not the same comparison
# "veth ring drops" are g0's tx_dropped, frames the veth could not hand on to r0: with an XDP program
# on r0 because r0's ring (256 frames) was full, else because a backlog was full (backlog drops too). Offered = g0's tx_packets + tx_dropped, forwarded =
# s0's rx_packets. The sink's stack drops what it gets at once (sink_deaf), so that it costs the
# forwarder's CPU, where veth delivers it, as little as possible.
# Everything is created afresh for each forwarder and removed on exit, even on failure or Ctrl-C.
#
# Usage (root only): benchmarks/mlffr/run.sh [--trial S] [--steps N] [--warmup S] [--batch N]
#                                            [--forwarders "kernel jclick-1 jclick-2 jclick-xdp-1 jclick-xdp-2"] [--no-rps]
#                                            [--xdp-napi busy|threaded|softirq]
# Defaults (all five forwarders, 3 s trials, 6 search steps, 5 s warm-up) take about 3 minutes.
set -uo pipefail

top=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
trial=3
steps=6
warmup=5
batch=32
forwarders="kernel jclick-1 jclick-2 jclick-xdp-1 jclick-xdp-2"
rps=1
xdp_napi=busy

usage() { sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "run.sh: $*" >&2; exit 1; }
positive() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1: expected a positive integer, got \"$2\""; }

while [ $# -gt 0 ]; do
  case "$1" in
    --trial) positive "$1" "${2-}"; trial=$2; shift 2 ;;
    --steps) positive "$1" "${2-}"; steps=$2; shift 2 ;;
    --warmup) positive "$1" "${2-}"; warmup=$2; shift 2 ;;
    --batch) positive "$1" "${2-}"; batch=$2; shift 2 ;;
    --forwarders) forwarders=${2-}; shift 2 ;;
    --no-rps) rps=0; shift ;;
    --xdp-napi) case "${2-}" in busy|threaded|softirq) xdp_napi=$2 ;;
                  *) die "--xdp-napi: expected busy, threaded or softirq, got \"${2-}\"" ;; esac; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option \"$1\" (try --help)" ;;
  esac
done
for f in $forwarders; do
  case "$f" in kernel|jclick-1|jclick-2|jclick-xdp-1|jclick-xdp-2) ;;
    *) die "--forwarders: expected kernel, jclick-1, jclick-2, jclick-xdp-1 or jclick-xdp-2, got \"$f\"" ;; esac
done

[ "$(id -u)" = 0 ] || die "needs root: it creates network namespaces and raw sockets (run: sudo $0)"
for cmd in ip taskset nproc; do
  command -v "$cmd" >/dev/null || die "needs the $cmd command"
done
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
command -v "$java" >/dev/null || die "needs java (17 or later) on PATH or in JAVA_HOME"
gen_jar=$top/benchmarks/target/benchmarks.jar
stale() { # whether jar $1 is missing or older than some main source
  [ ! -f "$1" ] || [ -n "$(find "$top" -path "$top/.git" -prune -o -path '*/src/main/*' -newer "$1" -type f -print -quit)" ]
}
if stale "$gen_jar" || stale "$top/launch/target/click.jar"; then
  echo "run.sh: building benchmarks.jar and click.jar, missing or older than the sources (mvn -B -q -DskipTests package)..." >&2
  (cd "$top" && mvn -B -q -DskipTests package) >&2 || die "the build failed"
fi
cpus=$(nproc)
if [ "$cpus" -ge 2 ]; then gen_cpu=0; fwd_cpu=1; else gen_cpu=0; fwd_cpu=0; fi

# ---- topology ----
id=mlffr$$
gen_ns=${id}g
rtr_ns=${id}r
snk_ns=${id}s
logdir=$(mktemp -d "${TMPDIR:-/tmp}/mlffr.XXXXXX")
router_pid=""
gen_pid=""

teardown() {
  for ns in "$gen_ns" "$rtr_ns" "$snk_ns"; do
    [ -e "/var/run/netns/$ns" ] && ip netns del "$ns" 2>/dev/null
  done
  return 0
}
stop_router() {
  if [ -n "$router_pid" ]; then
    kill -TERM "$router_pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$router_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$router_pid" 2>/dev/null
    wait "$router_pid" 2>/dev/null
    router_pid=""
  fi
}
cleanup() {
  [ -n "$gen_pid" ] && kill -KILL "$gen_pid" 2>/dev/null
  stop_router
  teardown
}
trap cleanup EXIT
trap 'echo "run.sh: interrupted" >&2; exit 130' INT TERM

ns_sysctl() { ip netns exec "$1" sysctl -q -w "$2" >/dev/null; }

# topology kernel|jclick: fresh namespaces and veth pairs. The router's own addresses exist only for
# the kernel; for jclick its devices have no address and MACs other than jclick's (ETH0/ETH1), so
# the router namespace's kernel drops the frames at once (not for this host) while jclick reads them.
topology() {
  teardown
  local ns
  for ns in "$gen_ns" "$rtr_ns" "$snk_ns"; do
    ip netns add "$ns" || die "cannot create namespace $ns"
    ip -n "$ns" link set lo up
    ns_sysctl "$ns" net.ipv6.conf.all.disable_ipv6=1
    ns_sysctl "$ns" net.ipv6.conf.default.disable_ipv6=1
  done
  ip -n "$gen_ns" link add g0 address 02:00:00:00:00:02 type veth peer name r0 netns "$rtr_ns" || die "cannot create veth g0/r0"
  ip -n "$rtr_ns" link add r1 type veth peer name s0 address 02:00:00:00:01:02 netns "$snk_ns" || die "cannot create veth r1/s0"
  ip -n "$gen_ns" addr add 198.51.100.2/24 dev g0
  ip -n "$snk_ns" addr add 203.0.113.2/24 dev s0
  ns_sysctl "$snk_ns" net.ipv4.conf.all.rp_filter=1
  ns_sysctl "$snk_ns" net.ipv4.conf.s0.rp_filter=1
  if [ "$1" = kernel ]; then
    ip -n "$rtr_ns" link set r0 address 02:00:00:00:00:01
    ip -n "$rtr_ns" link set r1 address 02:00:00:00:01:01
    ip -n "$rtr_ns" addr add 198.51.100.1/24 dev r0
    ip -n "$rtr_ns" addr add 203.0.113.1/24 dev r1
    ns_sysctl "$rtr_ns" net.ipv4.ip_forward=1
  else
    ip -n "$rtr_ns" link set r0 address 02:00:00:00:00:11
    ip -n "$rtr_ns" link set r1 address 02:00:00:00:01:11
  fi
  # The router's receive processing (the kernel's forwarding; for jclick, the copy into its receive
  # ring) on the forwarder's CPU, as with a device polled by the router's CPU: the generator's CPU
  # then does the same work whatever forwards, and its rate is the same for every forwarder.
  if [ "$rps" = 1 ] && [ "$cpus" -ge 2 ]; then
    ip netns exec "$rtr_ns" sh -c "echo $((1 << fwd_cpu)) > /sys/class/net/r0/queues/rx-0/rps_cpus"
  fi
  ip -n "$gen_ns" link set g0 up
  ip -n "$rtr_ns" link set r0 up
  ip -n "$rtr_ns" link set r1 up
  ip -n "$snk_ns" link set s0 up
  if [ "$1" = kernel ]; then
    ip -n "$rtr_ns" neigh replace 203.0.113.2 lladdr 02:00:00:00:01:02 dev r1 nud permanent
  fi
}

# sink_deaf: once the forwarder has the sink's Ethernet address (static for the kernel, ARP for
# jclick), s0 takes another, so that the forwarded frames reach s0 (and its rx_packets) but its IP
# stack drops them first thing as addressed to another host: a separate sink machine would cost the
# forwarder nothing, and a full IP receive on the forwarder's CPU would cost about a third of the
# forwarder's own work. Without it the sink's reverse-path filter drops them (no route back).
sink_deaf() {
  ip -n "$snk_ns" link set s0 address 02:00:00:00:01:03 || die "cannot change s0's address"
}

counter() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }
# backlog_drops: frames the kernel dropped because a CPU's input backlog (netdev_max_backlog) was full,
# summed over CPUs (/proc/net/softnet_stat, second column); all namespaces share these backlogs.
backlog_drops() { local n=0 d; while read -r _ d _; do n=$((n + 16#$d)); done </proc/net/softnet_stat; echo "$n"; }
offered_count() { echo $(( $(counter "$gen_ns" g0 tx_packets) + $(counter "$gen_ns" g0 tx_dropped) )); }
forwarded_count() { counter "$snk_ns" s0 rx_packets; }

# generate RATE|max SECONDS: runs the generator; prints its "sent=N seconds=S rate=R" line
generate() {
  ip netns exec "$gen_ns" taskset -c "$gen_cpu" "$java" -XX:+UseSerialGC -Xmx64m -cp "$gen_jar" \
    click.devices.UdpGenerator g0 02:00:00:00:00:01 198.51.100.2 203.0.113.2 "$1" "$2" "$batch"
}

# trial RATE|max: one trial; sets t_offered t_forwarded (packets), t_rate (offered pps), t_fwd_rate, t_loss
trial() {
  local o0 f0 b0 r0 o1 f1 line secs
  o0=$(offered_count); f0=$(forwarded_count); b0=$(backlog_drops); r0=$(counter "$gen_ns" g0 tx_dropped)
  line=$(generate "$1" "$trial") || die "the generator failed: $line"
  sleep 0.3 # frames still in queues and rings reach the sink
  o1=$(offered_count); f1=$(forwarded_count)
  t_backlog=$(($(backlog_drops) - b0))
  t_ring=$(($(counter "$gen_ns" g0 tx_dropped) - r0))
  secs=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$line")
  t_offered=$((o1 - o0))
  t_forwarded=$((f1 - f0))
  t_loss=$((t_offered - t_forwarded))
  [ "$t_loss" -lt 0 ] && t_loss=0 # a few frames of the router's own (ARP) reach the sink too
  t_rate=$(awk -v n="$t_offered" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')
  t_fwd_rate=$(awk -v n="$t_forwarded" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')
  local short=""
  [ "$1" != max ] && [ "$t_rate" -lt $(($1 * 9 / 10)) ] && short="  (generator short of the target)"
  printf '    %-9s offered %9s pps  forwarded %9s pps  lost %9s (%s, backlog drops %s, veth ring drops %s)%s\n' "$1" "$t_rate" "$t_fwd_rate" "$t_loss" \
    "$(awk -v l="$t_loss" -v n="$t_offered" 'BEGIN { printf "%.2f%%", n ? 100 * l / n : 0 }')" "$t_backlog" "$t_ring" "$short"
}

# napi_threads: the pids of the kernel threads of r0's threaded NAPI (napi/r0-ID) in the whole
# system (names are not per namespace; compare before and after the router starts).
napi_threads() { pgrep -x 'napi/r0-[0-9]+' | sort; }

# start_jclick THREADS METHOD LOG: runs conf/ip-router.click in the router namespace; waits until it
# forwards. With one thread, the router thread (not the JVM's compiler and GC threads) is pinned to
# the forwarder's CPU. With METHOD XDP, r0 then gets threaded NAPI, its kthread pinned there too.
start_jclick() {
  ip netns exec "$rtr_ns" "$top/bin/click" -j "$1" "$top/conf/ip-router.click" DEV0=r0 DEV1=r1 METHOD="$2" \
    -h FromDevice.count -h FromDevice.kernel_drops -h Queue.drops -h Queue.highwater_length \
    -h ToDevice.count -h ToDevice.drops >"$logdir/$3.log" 2>&1 &
  router_pid=$!
  local f0 deadline=$((SECONDS + 90)) task pinned=""
  f0=$(forwarded_count)
  while [ "$(forwarded_count)" -le "$((f0 + 100))" ]; do
    kill -0 "$router_pid" 2>/dev/null || { cat "$logdir/$3.log" >&2; die "jclick -j $1 exited"; }
    [ "$SECONDS" -lt "$deadline" ] || { cat "$logdir/$3.log" >&2; die "jclick -j $1 forwarded nothing in 90 s"; }
    generate 1000 1 >/dev/null || die "the generator failed"
  done
  if [ "$1" = 1 ]; then
    for task in /proc/"$router_pid"/task/*; do
      if [ "$(cat "$task/comm" 2>/dev/null)" = click-router-0 ]; then
        taskset -p -c "$fwd_cpu" "${task##*/}" >/dev/null && pinned=yes
      fi
    done
    [ -n "$pinned" ] || echo "  (could not find jclick's router thread to pin it: it runs on any CPU)"
  fi
  if [ "$2" = XDP ]; then
    grep -h 'XDP program in' "$logdir/$3.log" | sed 's/^/  /'
    if [ "$xdp_napi" = busy ]; then
      ip netns exec "$rtr_ns" sh -c 'echo 2 > /sys/class/net/r0/napi_defer_hard_irqs; echo 50000 > /sys/class/net/r0/gro_flush_timeout' \
        && echo "  r0 left to jclick's busy polling (napi_defer_hard_irqs 2, gro_flush_timeout 50 us)"
    elif [ "$xdp_napi" = threaded ]; then
      # only now: veth has NAPI instances only while an XDP program is attached
      local before
      before=$(napi_threads)
      ip netns exec "$rtr_ns" sh -c 'echo 1 > /sys/class/net/r0/threaded' \
        || echo "  (r0 refuses threaded NAPI)"
      pinned=""
      for task in $(comm -13 <(echo "$before") <(napi_threads)); do
        taskset -p -c "$fwd_cpu" "$task" >/dev/null && pinned="$pinned $(cat "/proc/$task/comm")"
      done
      if [ -n "$pinned" ]; then echo "  threaded NAPI of r0 pinned to CPU $fwd_cpu:$pinned"
      else echo "  (found no NAPI thread of r0 to pin: its receive work runs in the softirq of the sending CPU)"; fi
    else
      echo "  r0's NAPI left in the sending CPU's softirq (--xdp-napi softirq)"
    fi
  fi
}

# net_rx_softirqs: NET_RX softirqs run so far on each CPU (/proc/softirqs), space-separated
net_rx_softirqs() { awk '$1 == "NET_RX:" { $1 = ""; print substr($0, 2) }' /proc/softirqs; }

# measure NAME: warm-up, full load, then the MLFFR search; appends a row to the results
declare -a rows=()
measure() {
  echo "  warm-up ($warmup s at full load)"
  generate max "$warmup" >/dev/null || die "the generator failed"
  echo "  full load"
  local rx0 rx1
  rx0=$(net_rx_softirqs)
  trial max
  rx1=$(net_rx_softirqs)
  echo "    NET_RX softirqs per CPU during it: $(paste -d' ' <(echo "$rx0" | tr ' ' '\n') <(echo "$rx1" | tr ' ' '\n') | awk '{ printf "%s%d", (NR > 1 ? " " : ""), $2 - $1 }')"
  local full_rate=$t_rate full_fwd=$t_fwd_rate full_loss=$t_loss full_offered=$t_offered
  local lo=0 hi=$full_rate mlffr=0 mid i
  if [ "$full_loss" -eq 0 ]; then
    mlffr=$full_rate
  else
    echo "  MLFFR search ($steps steps between 0 and $hi pps)"
    # first guess: a little under what it forwarded at full load
    mid=$((full_fwd * 95 / 100))
    for ((i = 0; i < steps; i++)); do
      [ "$mid" -gt 0 ] || break
      trial "$mid"
      if [ "$t_loss" -eq 0 ]; then
        # no loss at the rate actually offered (below the target when the generator fell behind)
        lo=$((t_rate < mid ? t_rate : mid))
        [ "$t_rate" -gt "$mlffr" ] && mlffr=$t_rate
      else
        hi=$mid
      fi
      mid=$(((lo + hi) / 2))
    done
  fi
  local bound=""
  if [ "$full_loss" -eq 0 ] || [ "$full_fwd" -ge $((full_rate * 98 / 100)) ]; then
    bound=" (generator-bound)"
  fi
  rows+=("$(printf '%-10s %14s %22s %22s %12s' "$1" "$mlffr$bound" "$full_fwd" "$full_rate" \
    "$(awk -v l="$full_loss" -v n="$full_offered" 'BEGIN { printf "%.1f%%", n ? 100 * l / n : 0 }')")")
}

echo "mlffr: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $cpus CPUs, kernel $(uname -r), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "mlffr: trials of $trial s, $steps search steps, $warmup s warm-up, generator batch $batch, generator on CPU $gen_cpu, forwarder on CPU $fwd_cpu"
echo "mlffr: logs in $logdir"

echo "generator alone (router namespace drops every frame, nothing forwards)"
topology jclick
generate max 1 >/dev/null || die "the generator failed"
trial max
gen_alone=$t_rate

for f in $forwarders; do
  echo "$f"
  case "$f" in
    kernel)
      topology kernel
      sink_deaf
      measure kernel ;;
    jclick-1|jclick-2|jclick-xdp-1|jclick-xdp-2)
      topology jclick
      method=LINUX
      [[ "$f" == jclick-xdp-* ]] && method=XDP
      start_jclick "${f##*-}" "$method" "$f"
      sink_deaf
      measure "$f"
      stop_router
      echo "  jclick counters over the whole run (warm-up and every trial):"
      tr '\n' ' ' <"$logdir/$f.log" | sed 's/  */ /g; s/^/    /'; echo ;;
  esac
done
teardown

echo
echo "mlffr: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Forwarding 60-byte UDP frames (64 with FCS) between veth pairs, $trial s trials; rates in packets/s."
echo "Generator alone: $gen_alone pps."
printf '%-10s %14s %22s %22s %12s\n' forwarder "MLFFR" "forwarded, full load" "generator, full load" "loss, full"
for r in "${rows[@]}"; do echo "$r"; done
echo "(generator-bound: no loss, or forwarding 98% of it, at the generator's full rate: the forwarder may be faster still)"
