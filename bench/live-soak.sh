#!/usr/bin/env bash
# Soak test of drcheck live as a service: for DURATION, tcpreplay loops a healthy capture onto a veth in a private
# namespace with --unique-ip (each loop a new set of client addresses, so flows never repeat), and another tcpreplay
# sends a fault capture (the lab's arp_ignore scenario) every 45 s, so findings are raised and cleared again and
# again. drcheck live runs with --metrics, --evidence-dir and --clear-after 20s; every SAMPLE seconds the script
# records drcheck's RSS (VmRSS) and its metrics (frames, flows open, findings raised). Prints a Markdown table and
# writes it to OUT/soak.md; exits 1 when RSS grew more than 10 % after the first five minutes.
# tcpreplay's --unique-ip rewrites ARP addresses too, so the healthy replay itself now and then makes a real
# server's ARP look like a claim of the VIP: more RsAnswersArpForVip/RsAnnouncesVip episodes, which only add load.
#
#   bench/live-soak.sh --minutes 30 [--pps 20000] [--out DIR] [--file healthy.pcap] [--fault fault.pcap]
#
# Needs root, tcpreplay, curl (exit 2 without them). Network safety: one namespace named drcheck-soak-PID with a
# veth pair and loopback only, removed on exit; only processes this script started are signalled, by PID; every
# loop is bounded by the duration.
set -euo pipefail
# shellcheck source=lib/veth-namespace.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/veth-namespace.sh"

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$bench/.." && pwd)"
minutes=30
pps=20000
out="$bench/target/live-soak"
file=""
fault="$repo/sample-pcaps/arp-ignore-rs1.pcap"
sample=30
fault_every=45
java_cmd="java -jar $repo/cli/target/drcheck.jar"
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes="$2"; shift 2 ;;
        --pps) pps="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --file) file="$2"; shift 2 ;;
        --fault) fault="$2"; shift 2 ;;
        --sample) sample="$2"; shift 2 ;;
        --java-cmd) java_cmd="$2"; shift 2 ;;
        *) echo "live-soak.sh: unknown option: $1" >&2; exit 1 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "live-soak.sh: needs root (network namespaces)" >&2; exit 2; }
for tool in tcpreplay curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "live-soak.sh: $tool not found" >&2; exit 2; }
done
mkdir -p "$out"
if [ -z "$file" ]; then
    file="$out/healthy-100k.pcap"
    if [ ! -s "$file" ]; then
        (cd "$bench" && { mvn -q -o -B package || mvn -q -B package; }) >"$out/bench-build.log" 2>&1
        java -cp "$bench/target/drcheck-bench.jar" dev.drcheck.bench.CaptureGenerator --samples "$repo/sample-pcaps" \
            --out "$file" --frames 100k --concurrent-flows 200 --mix healthy --seed 1 2>"$out/gen.log"
    fi
fi

veth_namespace drcheck-soak

# shellcheck disable=SC2086 # java_cmd is a word list
env --default-signal=INT ip netns exec "$ns" $java_cmd live v1 --metrics 127.0.0.1:9469 --clear-after 20s \
    --evidence-dir "$out/evidence" >"$out/drcheck.out" 2>"$out/drcheck.err" &
drcheck_pid=$!
pids+=("$drcheck_pid")
sleep 5

end=$((SECONDS + minutes * 60))
# healthy traffic throughout, with new client addresses on every pass over the file
timeout --kill-after=5 "${minutes}m" ip netns exec "$ns" tcpreplay -q -i v0 --pps="$pps" --loop=0 --unique-ip \
    "$file" >"$out/tcpreplay.log" 2>&1 &
pids+=("$!")
# the fault every FAULT_EVERY seconds: longer than --clear-after, so each episode is cleared before the next
(
    while [ $SECONDS -lt $end ]; do
        ip netns exec "$ns" tcpreplay -q -i v0 --pps="$pps" "$fault" >/dev/null 2>&1 || true
        sleep "$fault_every"
    done
) &
pids+=("$!")

metric() { # NAME: the sum of a metric's samples
    ip netns exec "$ns" curl -s --max-time 2 127.0.0.1:9469/metrics \
        | awk -v m="$1" '$1 == m || index($1, m "{") == 1 { s += $2 } END { printf "%d", s }'
}
table="$out/soak.md"
{
    echo "| minute | RSS (MiB) | frames analysed | flows open | findings raised | evidence files |"
    echo "|---|---|---|---|---|---|"
} >"$table"
start=$SECONDS
while [ $SECONDS -lt $end ]; do
    sleep "$sample"
    kill -0 "$drcheck_pid" 2>/dev/null || { echo "live-soak.sh: drcheck died" >&2; exit 1; }
    rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$drcheck_pid/status")
    files=$(find "$out/evidence" -name '*.pcap' 2>/dev/null | wc -l)
    printf '| %.1f | %s | %s | %s | %s | %s |\n' "$(echo "($SECONDS - $start) / 60" | bc -l)" "$rss" \
        "$(metric drcheck_frames_total)" "$(metric drcheck_flows_open)" "$(metric drcheck_findings_raised_total)" \
        "$files" | tee -a "$table"
done
kill -INT "$drcheck_pid"
for ((i = 0; i < 600; i++)); do
    kill -0 "$drcheck_pid" 2>/dev/null || break
    sleep 0.1
done
wait "$drcheck_pid" || true
grep -c '^\[CLEARED\]' "$out/drcheck.out" | sed 's/^/findings cleared: /' | tee -a "$table"
# The memory check: RSS after the first five minutes must stay within 10 % of its value then.
awk -F'|' 'NR > 2 && $2 + 0 >= 5 { rss = $3 + 0; if (base == 0) base = rss; if (rss > max) max = rss }
    END { if (base == 0) { print "RSS check: the run was shorter than 5 minutes"; exit 0 }
          growth = 100 * (max - base) / base
          printf "RSS check: %d MiB at 5 minutes, at most %d MiB after (%+.1f %%): %s\n", base, max, growth,
              growth <= 10 ? "flat" : "GROWING"
          exit growth <= 10 ? 0 : 1 }' "$table" | tee -a "$table"
[ "${PIPESTATUS[0]}" = 0 ]
