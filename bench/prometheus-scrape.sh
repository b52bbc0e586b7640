#!/usr/bin/env bash
# End to end for drcheck live --metrics with a real Prometheus: in a private network namespace this script creates,
# drcheck live captures on one end of a veth pair and serves /metrics on the namespace's loopback, Prometheus
# (Debian package prometheus) scrapes it every second, and tcpreplay sends a lab capture with a fault into the other
# end. It waits until Prometheus's query API shows the finding, then replays healthy traffic until the API shows it
# cleared, with drcheck still running, and stops everything.
#
#   prometheus-scrape.sh --out DIR --java-cmd "java -cp ... dev.drcheck.cli.Main" --fault F.pcap --healthy H.pcap \
#       --check ID
#
# Writes to DIR: raised.json and cleared.json (the query API's answers), drcheck.out/.err and its exit status in
# drcheck.exit, prometheus.log, and evidence/ (drcheck's --evidence-dir).
# Exits 0 when both were seen, 1 on a failure, 2 when it cannot run here (not root,
# a tool missing). Network safety: one namespace named drcheck-prom-PID, loopback and a veth pair with no address;
# removed on exit; only the processes it started are signalled, by PID; every wait is bounded.
set -euo pipefail
# shellcheck source=lib/veth-namespace.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/veth-namespace.sh"

out=""
java_cmd=""
fault=""
healthy=""
check=""
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --java-cmd) java_cmd="$2"; shift 2 ;;
        --fault) fault="$2"; shift 2 ;;
        --healthy) healthy="$2"; shift 2 ;;
        --check) check="$2"; shift 2 ;;
        *) echo "prometheus-scrape.sh: unknown option: $1" >&2; exit 1 ;;
    esac
done
die() { echo "prometheus-scrape.sh: $*" >&2; exit 1; }
unavailable() { echo "prometheus-scrape.sh: $*" >&2; exit 2; }
[ -n "$out" ] && [ -n "$java_cmd" ] && [ -s "$fault" ] && [ -s "$healthy" ] && [ -n "$check" ] || die "missing option"
[ "$(id -u)" = 0 ] || unavailable "needs root (network namespaces)"
for tool in prometheus tcpreplay curl python3; do
    command -v "$tool" >/dev/null 2>&1 \
        || unavailable "$tool not found (Debian: apt-get install prometheus tcpreplay curl)"
done
mkdir -p "$out/tsdb"

metrics_port=9469
api="http://127.0.0.1:9090/api/v1/query"
veth_namespace drcheck-prom

# shellcheck disable=SC2086 # java_cmd is a word list
env --default-signal=INT ip netns exec "$ns" $java_cmd live v1 --metrics "127.0.0.1:$metrics_port" \
    --clear-after 4s --status-interval 500ms --evidence-dir "$out/evidence" >"$out/drcheck.out" 2>"$out/drcheck.err" &
drcheck_pid=$!
pids+=("$drcheck_pid")

cat >"$out/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: drcheck
    static_configs:
      - targets: ["127.0.0.1:$metrics_port"]
EOF
ip netns exec "$ns" prometheus --config.file="$out/prometheus.yml" --storage.tsdb.path="$out/tsdb" \
    --web.listen-address=127.0.0.1:9090 >"$out/prometheus.log" 2>&1 &
pids+=("$!")

# query EXPR: the query API's JSON answer
query() { ip netns exec "$ns" curl -sf --max-time 2 -G "$api" --data-urlencode "query=$1" || true; }
# series JSON: how many series the answer holds
series() {
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["result"]))' 2>/dev/null <<<"$1" || echo 0
}
# wait_until SECONDS COMMAND...: true once COMMAND succeeds, checked every half second
wait_until() {
    local limit=$(($1 * 2)) i
    shift
    for ((i = 0; i < limit; i++)); do
        "$@" && return 0
        sleep 0.5
    done
    return 1
}
scraped() { [ "$(series "$(query 'up{job="drcheck"} == 1')")" = 1 ]; }
wait_until 60 scraped \
    || die "Prometheus never scraped drcheck: $(tail -3 "$out/prometheus.log"); $(cat "$out/drcheck.err")"

ip netns exec "$ns" tcpreplay -q -i v0 --pps=20000 "$fault" >/dev/null 2>&1
finding="drcheck_finding_active{check=\"$check\"} == 1"
raised() { query "$finding" >"$out/raised.json"; [ "$(series "$(cat "$out/raised.json")")" -ge 1 ]; }
wait_until 30 raised || die "the finding never reached Prometheus: $(cat "$out/raised.json")"

# The fault is fixed: healthy traffic goes on, and the finding must clear while drcheck keeps running.
cleared() {
    ip netns exec "$ns" tcpreplay -q -i v0 --pps=20000 "$healthy" >/dev/null 2>&1
    query "drcheck_finding_active{check=\"$check\"}" >"$out/cleared.json"
    [ "$(series "$(cat "$out/cleared.json")")" = 0 ] && kill -0 "$drcheck_pid" 2>/dev/null
}
wait_until 60 cleared || die "the finding never cleared: $(cat "$out/cleared.json")"

kill -INT "$drcheck_pid"
status=0
wait_until 30 eval '! kill -0 '"$drcheck_pid"' 2>/dev/null' || die "drcheck did not stop on SIGINT"
wait "$drcheck_pid" || status=$?
echo "$status" >"$out/drcheck.exit"
echo "prometheus-scrape.sh: raised and cleared; drcheck exit $status"
