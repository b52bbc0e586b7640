#!/usr/bin/env bash
# Live capture under load: replays a capture with tcpreplay onto one end of a veth pair inside a private network
# namespace and captures on the other end with tcpdump and `drcheck live` at the same time, in the same run, one
# run per rate. Prints a Markdown table (and writes it to OUT/live-load.md) of what each tool got, the drops
# libpcap reports, and drcheck's verdict and findings; each drcheck JSON report is kept in OUT.
#
#   bench/live-load.sh                                    # the issue's table on a generated 1 M-frame capture
#   bench/live-load.sh --file F.pcap --rates "5000" --out DIR --drcheck-args "--vip 192.0.2.100:80"
#
# Options:
#   --file FILE         the capture to replay (default: generated, 1 M frames of the lab's healthy HTTP flows)
#   --rates "R ..."     frames per second, or "top" for tcpreplay --topspeed (default: 10000 25000 50000 200000 top)
#   --frames "N ..."    frames replayed at each rate, a prefix of FILE; "all" for the whole file
#                       (default with the generated file: 100000 100000 300000 300000 1000000; else all)
#   --out DIR           where reports and logs go (default: bench/target/live-load)
#   --buffer-size SIZE  the kernel buffer of both tools, as for drcheck --buffer-size (default 16MiB)
#   --drcheck-args "…"  more arguments for drcheck live (word-split)
#   --java-cmd "…"      how to start drcheck (default: java -jar cli/target/drcheck.jar; word-split)
#   --no-tcpdump        run drcheck alone
#
# Needs root (network namespaces), tcpreplay, tcpdump, python3, and editcap (tshark) to cut prefixes; installs them
# with apt-get when missing, and exits 2 when it cannot (1 on any other failure). Network safety: everything happens in one namespace this script creates (named drcheck-load-PID), with
# no address configured, and removes on exit; only processes this script started are signalled, by PID; every
# wait is bounded.
set -euo pipefail
# shellcheck source=lib/veth-namespace.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/veth-namespace.sh"

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$bench/.." && pwd)"
file=""
rates="10000 25000 50000 200000 top"
frames=""
out="$bench/target/live-load"
buffer="16MiB"
drcheck_args=""
java_cmd="java -jar $repo/cli/target/drcheck.jar"
with_tcpdump=1

die() { echo "live-load.sh: $*" >&2; exit 1; }
unavailable() { echo "live-load.sh: $*" >&2; exit 2; } # cannot run here (not root, a tool missing)
while [ $# -gt 0 ]; do
    case "$1" in
        --file) file="$2"; shift 2 ;;
        --rates) rates="$2"; shift 2 ;;
        --frames) frames="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --buffer-size) buffer="$2"; shift 2 ;;
        --drcheck-args) drcheck_args="$2"; shift 2 ;;
        --java-cmd) java_cmd="$2"; shift 2 ;;
        --no-tcpdump) with_tcpdump=0; shift ;;
        *) die "unknown option: $1" ;;
    esac
done
[ "$(id -u)" = 0 ] || unavailable "needs root (network namespaces)"
need() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 || unavailable "cannot install $2"
}
need tcpreplay tcpreplay
need tcpdump tcpdump
need python3 python3
mkdir -p "$out"

# buffer size in KiB for tcpdump -B
buffer_kib="$(python3 -c '
import re, sys
m = re.fullmatch(r"(\d+)\s*([KMG]?)(i?B)?", sys.argv[1], re.I)
if not m: sys.exit("bad --buffer-size " + sys.argv[1])
print(int(m.group(1)) * {"": 1, "K": 1024, "M": 1 << 20, "G": 1 << 30}[m.group(2).upper()] // 1024)' "$buffer")"

if [ -z "$file" ]; then
    file="$out/healthy-1m.pcap"
    if [ ! -s "$file" ]; then
        (cd "$bench" && { mvn -q -o -B package || mvn -q -B package; }) >"$out/bench-build.log" 2>&1 \
            || { cat "$out/bench-build.log"; die "bench build failed"; }
        java -cp "$bench/target/drcheck-bench.jar" dev.drcheck.bench.CaptureGenerator --samples "$repo/sample-pcaps" \
            --out "$file" --frames 1m --concurrent-flows 200 --mix healthy --seed 1 2>"$out/gen.log"
    fi
    [ -n "$frames" ] || frames="100000 100000 300000 300000 1000000"
fi
[ -s "$file" ] || die "no such capture: $file"

veth_namespace drcheck-load

# wait_for FILE TEXT SECONDS: until FILE contains TEXT, at most SECONDS
wait_for() {
    local i
    for ((i = 0; i < $3 * 10; i++)); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
# stop PID: SIGINT, then wait at most 60 s for the report, then SIGKILL
stop() {
    local i
    kill -INT "$1" 2>/dev/null || return 0
    for ((i = 0; i < 600; i++)); do
        kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

table="$out/live-load.md"
{
    echo "| rate (frames/s) | frames sent | tcpdump captured | tcpdump kernel drops | drcheck analysed | drcheck analysed / tcpdump | drcheck kernel drops | drcheck peak frames/s | verdict | findings |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$table"
read -r -a rate_list <<<"$rates"
read -r -a frame_list <<<"${frames:-all}"
for i in "${!rate_list[@]}"; do
    rate="${rate_list[$i]}"
    n="${frame_list[$i]:-${frame_list[-1]}}"
    replay="$file"
    if [ "$n" != all ]; then
        need editcap tshark
        replay="$out/replay-$n.pcap"
        [ -s "$replay" ] || editcap -r "$file" "$replay" "1-$n" >/dev/null
    fi
    tag="$rate-$n"
    if [ "$with_tcpdump" = 1 ]; then
        env --default-signal=INT ip netns exec "$ns" tcpdump -i v1 -nn -B "$buffer_kib" -s 65535 -w /dev/null \
            2>"$out/tcpdump-$tag.err" &
        tcpdump_pid=$!
        pids+=("$tcpdump_pid")
        wait_for "$out/tcpdump-$tag.err" "listening on" 20 || die "tcpdump did not start: $(cat "$out/tcpdump-$tag.err")"
    fi
    # shellcheck disable=SC2086 # java_cmd and drcheck_args are word lists
    env --default-signal=INT ip netns exec "$ns" $java_cmd live v1 --format json --buffer-size "$buffer" \
        $drcheck_args >"$out/drcheck-$tag.json" 2>"$out/drcheck-$tag.err" &
    drcheck_pid=$!
    pids+=("$drcheck_pid")
    wait_for "$out/drcheck-$tag.err" "Capturing on" 30 || die "drcheck did not start: $(cat "$out/drcheck-$tag.err")"
    sleep 1
    if [ "$rate" = top ]; then
        ip netns exec "$ns" tcpreplay -q -i v0 --topspeed "$replay" >"$out/tcpreplay-$tag.log" 2>&1
    else
        ip netns exec "$ns" tcpreplay -q -i v0 --pps="$rate" "$replay" >"$out/tcpreplay-$tag.log" 2>&1
    fi
    sleep 2
    stop "$drcheck_pid"
    [ "$with_tcpdump" = 1 ] && stop "$tcpdump_pid"
    pids=()
    sent="$(sed -n 's/.*Successful packets: *\([0-9]*\).*/\1/p' "$out/tcpreplay-$tag.log" | head -1)"
    [ -n "$sent" ] || sent="$(sed -n 's/^Actual: \([0-9]*\) packets.*/\1/p' "$out/tcpreplay-$tag.log" | head -1)"
    captured="-"; tdrops="-"
    if [ "$with_tcpdump" = 1 ]; then
        captured="$(sed -n 's/^\([0-9]*\) packets\{0,1\} captured.*/\1/p' "$out/tcpdump-$tag.err")"
        tdrops="$(sed -n 's/^\([0-9]*\) packets\{0,1\} dropped by kernel.*/\1/p' "$out/tcpdump-$tag.err")"
    fi
    python3 - "$out/drcheck-$tag.json" "$rate" "${sent:-?}" "${captured:-?}" "${tdrops:-?}" >>"$table" <<'EOF'
import json, sys
path, rate, sent, captured, tdrops = sys.argv[1:]
try:
    r = json.load(open(path))
except Exception as e:
    print(f"| {rate} | {sent} | {captured} | {tdrops} | no report ({e.__class__.__name__}) | | | | | |")
    sys.exit(0)
loss = r["stats"].get("loss") or {}
frames = r["stats"]["frames"]
fps = next((n.split(", ")[-1].split(" ")[0] for n in r["stats"]["readerNotes"] if "at peak" in n), "-")
ratio = f"{100.0 * frames / int(captured):.2f} %" if captured.isdigit() and int(captured) else "-"
findings = ", ".join(sorted(f'{f["id"]} {f["severity"]} {f["culprit"]["mac"]}' for f in r["findings"])) or "none"
print(f"| {rate} | {sent} | {captured} | {tdrops} | {frames} | {ratio} | {loss.get('droppedByKernel', '-')} "
      f"| {fps} | {r['verdict']} | {findings} |")
EOF
    tail -1 "$table" >&2
done
cat "$table"
