#!/usr/bin/env bash
# drlab.sh - build an LVS-DR style cluster in Linux network namespaces, run
# real HTTP traffic through it under several scenarios (healthy and
# misconfigured) and capture each scenario to a pcap file.
#
# Usage: drlab.sh [--out DIR] [-v|--verbose] [--any|--any-sll|--points]
#                 [--run-in-lan CMD] [SCENARIO ...]
#        drlab.sh --list
#
# By default each scenario is captured on its own capture point (the bridge
# br0, or one bridge port) as Ethernet (EN10MB) into SCENARIO.pcap. With
# --any it is captured instead with "tcpdump -i any" inside drlab-lan (the
# bridge and every bridge port) as Linux cooked v2 (LINUX_SLL2) into
# SCENARIO-any.pcap; with --any-sll as Linux cooked v1 (LINUX_SLL) into
# SCENARIO-any-sll.pcap. With --points it is captured at three points at
# once, the director's, rs1's and rs2's bridge ports (p-dir, p-rs1, p-rs2),
# into SCENARIO-at-director.pcap, SCENARIO-at-rs1.pcap, SCENARIO-at-rs2.pcap.
#
# --run-in-lan CMD runs CMD (a shell command line, e.g. "drcheck live br0
# --duration 12s --format json") inside drlab-lan in the background, started
# after the capture and before the client traffic and waited for (bounded)
# after it; its standard output goes to SCENARIO.live.json and its standard
# error to SCENARIO.live.err in the --out directory.
#
# Everything happens inside namespaces named drlab-*, created by this script
# and deleted again (also on error and on Ctrl-C). The "LAN" is a bridge that
# lives inside the namespace drlab-lan; nothing is added to the root
# namespace. Only 192.0.2.0/24 (TEST-NET-1) and, for a routed client,
# 198.51.100.0/24 (TEST-NET-2) addresses are used.
#
# Exit status: 0 ok; 1 setup error or drlab-* namespaces already exist;
# 2 usage error, not root, or a required tool missing; 3 a scenario did not
# behave as expected (its pcap is still written); 130/143 interrupted.
#
# There is no IPVS in the target kernel, so the DR director is an nftables
# netdev ingress chain that rewrites the Ethernet header only and forwards
# the frame back out of the same device (see README.md).

set -euo pipefail

# --------------------------------------------------------------------------
# Fixed lab topology (keep in sync with ../README.md)
# --------------------------------------------------------------------------
readonly NS_PREFIX="drlab-"
readonly LAN_NS="${NS_PREFIX}lan"
readonly BRIDGE="br0"
readonly BRIDGE_MAC="02:00:00:00:00:fe"

readonly VIP="192.0.2.100"
readonly VPORT=80
readonly CLIENT_IP="192.0.2.10"  CLIENT_MAC="02:00:00:00:00:10"
readonly DIR_IP="192.0.2.2"      DIR_MAC="02:00:00:00:00:02"
readonly RS1_IP="192.0.2.11"     RS1_MAC="02:00:00:00:00:11"
readonly RS2_IP="192.0.2.12"     RS2_MAC="02:00:00:00:00:12"
readonly PREFIXLEN=24
readonly HOST_DEV="eth0"           # LAN device name inside every host namespace
readonly JHASH_SEED="0x7f"

# Client request sequence: one request per fixed local port, so the jhash
# (ip saddr . tcp sport) distribution is the same on every run.
readonly CLIENT_PORTS=(40001 40002 40003 40004 40005 40006 40007 40008 40009 40010 40011 40012)
readonly CURL_MAX_TIME=3
readonly REQUEST_GAP=0.1

readonly SCENARIOS=(
    healthy
    arp-ignore-rs1
    arp-ignore-rs1-wins
    vip-missing-rs2
    port-closed-rs2
    nat-mode
    reply-via-director
    healthy-rs1-port
    healthy-director-port
    arp-announce-rs1
    reply-from-rip
    routed-client
    flow-split
    director-failover
    director-flapping
    nat-no-return
    pmtu-blackhole
    pmtu-relayed
    director-routing
    reply-via-director-dropped
    vrrp-healthy
    vrrp-failover
    vrrp-split-brain
    vrrp-vrid-clash
    vrrp-backup-vip
)

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR
OUT_DIR="$(cd "${SCRIPT_DIR}/.." && pwd)"
VERBOSE=0
PYTHON=""
# Capture mode: iface (the scenario's interface, Ethernet), any (-i any,
# LINUX_SLL2) or any-sll (-i any, LINUX_SLL); see capture_start.
CAPTURE_MODE="iface"
WORK_DIR=""

# State for cleanup: namespaces we created and processes we started.
CREATED_NS=()
SERVER_PIDS=()
CAPTURE_PID=""
CAPTURE_LOG=""
# --points: the extra captures (PIDs and logs) besides CAPTURE_PID/CAPTURE_LOG.
EXTRA_CAPTURE_PIDS=()
EXTRA_CAPTURE_LOGS=()
# --run-in-lan: the command line, its PID while it runs, and how long to wait.
RUN_IN_LAN=""
LIVE_PID=""
LIVE_WAIT_SECONDS=120
LIVE_START_SECONDS=60

# Per-scenario settings (set by the scenario functions) and results.
CAP_NS=""
CAP_IF=""
EXPECT=""
EVIDENCE=""
EVIDENCE_NEXT=""
EVIDENCE_VERBOSE=0
UNEXPECTED=()
# Result of the last run_client call.
CURL_OK=0
CURL_FAIL=0
CURL_DETAIL=""

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
log()  { if [[ ${VERBOSE} -eq 1 ]]; then echo "  .. $*" >&2; fi; }
die()  { echo "drlab: $*" >&2; exit 1; }

usage() {
    cat <<EOF
Usage: $(basename "$0") [--out DIR] [-v|--verbose] [--any|--any-sll|--points]
                 [--run-in-lan CMD] [SCENARIO ...]
       $(basename "$0") --list
Builds an LVS-DR lab in network namespaces (drlab-*) and writes one pcap per
scenario to DIR (default: ${OUT_DIR}). No scenario given = all scenarios.
  --any      capture with "tcpdump -i any" in drlab-lan, Linux cooked v2
             (LINUX_SLL2), into SCENARIO-any.pcap
  --any-sll  the same as Linux cooked v1 (LINUX_SLL), into SCENARIO-any-sll.pcap
  --points   capture at the director's, rs1's and rs2's bridge ports at once,
             into SCENARIO-at-director.pcap, -at-rs1.pcap and -at-rs2.pcap
  --run-in-lan CMD
             run the shell command CMD inside drlab-lan while the client
             traffic runs (started before it, waited for after it, at most
             ${LIVE_WAIT_SECONDS} s); its output goes to SCENARIO.live.json and
             SCENARIO.live.err
Needs root.
EOF
}

# nsx NS CMD... : run a command inside namespace NS (foreground use only: a
# backgrounded shell function would give $! of a subshell, not of the command)
nsx() { local ns=$1; shift; ip netns exec "${ns}" "$@"; }

# sysctl inside a namespace, quietly
nsysctl() { local ns=$1; shift; local kv; for kv in "$@"; do nsx "${ns}" sysctl -q -w "${kv}" >/dev/null; done; }

# Kill one PID we started: signal, then bounded wait, then SIGKILL.
stop_pid() {
    local pid=$1 sig=${2:-TERM} i
    [[ -n ${pid} ]] || return 0
    kill -0 "${pid}" 2>/dev/null || { wait "${pid}" 2>/dev/null || true; return 0; }
    kill "-${sig}" "${pid}" 2>/dev/null || true
    for i in $(seq 1 50); do
        kill -0 "${pid}" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "${pid}" 2>/dev/null; then
        echo "drlab: PID ${pid} did not stop after SIG${sig} (${i} polls), sending SIGKILL" >&2
        kill -KILL "${pid}" 2>/dev/null || true
    fi
    wait "${pid}" 2>/dev/null || true
}

check_tools() {
    [[ ${EUID} -eq 0 ]] || { echo "drlab: must run as root (network namespaces, nftables, tcpdump)" >&2; exit 2; }
    local t
    for t in ip nft tcpdump curl ethtool sysctl ss seq; do
        command -v "${t}" >/dev/null 2>&1 || { echo "drlab: required tool '${t}' not found in PATH" >&2; exit 2; }
    done
    if [[ -x /usr/bin/python3 ]]; then
        PYTHON=/usr/bin/python3
    else
        PYTHON="$(command -v python3 || true)"
        [[ -n ${PYTHON} ]] || { echo "drlab: required tool 'python3' not found" >&2; exit 2; }
    fi
}

existing_lab_ns() { ip netns list 2>/dev/null | awk '{print $1}' | grep "^${NS_PREFIX}" || true; }

# --------------------------------------------------------------------------
# Teardown
# --------------------------------------------------------------------------
teardown() {
    local pid ns i
    if [[ -n ${LIVE_PID} ]]; then stop_pid "${LIVE_PID}" TERM; LIVE_PID=""; fi
    if [[ -n ${CAPTURE_PID} ]]; then stop_pid "${CAPTURE_PID}" INT; CAPTURE_PID=""; fi
    for pid in "${EXTRA_CAPTURE_PIDS[@]+"${EXTRA_CAPTURE_PIDS[@]}"}"; do stop_pid "${pid}" INT; done
    EXTRA_CAPTURE_PIDS=()
    for pid in "${SERVER_PIDS[@]+"${SERVER_PIDS[@]}"}"; do stop_pid "${pid}" TERM; done
    SERVER_PIDS=()
    # Delete only the namespaces this script created, newest first.
    for (( i=${#CREATED_NS[@]}-1; i>=0; i-- )); do
        ns=${CREATED_NS[i]}
        [[ ${ns} == "${NS_PREFIX}"* ]] || continue
        ip netns del "${ns}" 2>/dev/null || echo "drlab: could not delete namespace ${ns}" >&2
    done
    CREATED_NS=()
}

on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    teardown
    if [[ -n ${WORK_DIR} && -d ${WORK_DIR} ]]; then rm -rf -- "${WORK_DIR}"; fi
    exit "${rc}"
}

# --------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------
new_ns() {
    local ns=$1
    [[ ${ns} == "${NS_PREFIX}"* ]] || die "refusing to create namespace without ${NS_PREFIX} prefix: ${ns}"
    ip netns add "${ns}"
    CREATED_NS+=("${ns}")
    # No IPv6 at all (no DAD/RS/MLD noise); set before any device exists.
    nsysctl "${ns}" net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "${ns}" link set lo up
}

no_offloads() {  # no_offloads NS DEV
    nsx "$1" ethtool -K "$2" tx off tso off gso off gro off >/dev/null 2>&1 \
        || nsx "$1" ethtool -K "$2" tx off gso off gro off >/dev/null
}

# The LAN: a quiet bridge (no STP, no multicast snooping/querier) inside drlab-lan.
make_lan() {
    new_ns "${LAN_NS}"
    ip -n "${LAN_NS}" link add "${BRIDGE}" type bridge stp_state 0 forward_delay 0 \
        mcast_snooping 0 mcast_querier 0
    ip -n "${LAN_NS}" link set dev "${BRIDGE}" address "${BRIDGE_MAC}"
    ip -n "${LAN_NS}" link set dev "${BRIDGE}" multicast off
    ip -n "${LAN_NS}" link set dev "${BRIDGE}" up
}

# add_host NAME IP MAC : namespace drlab-NAME with eth0 (IP/24, MAC) plugged
# into the bridge via port p-NAME. The bridge floods broadcasts to the most
# recently attached port first, so the call order decides ARP races.
add_host() {
    local name=$1 ip=$2 mac=$3 ns="${NS_PREFIX}$1" port="p-$1"
    new_ns "${ns}"
    ip -n "${LAN_NS}" link add "${port}" type veth peer name "${HOST_DEV}" netns "${ns}"
    ip -n "${ns}" link set dev "${HOST_DEV}" address "${mac}"
    ip -n "${LAN_NS}" link set dev "${port}" address "02:00:00:00:01:${mac##*:}"
    no_offloads "${ns}" "${HOST_DEV}"
    no_offloads "${LAN_NS}" "${port}"
    ip -n "${ns}" addr add "${ip}/${PREFIXLEN}" dev "${HOST_DEV}"
    ip -n "${LAN_NS}" link set dev "${port}" master "${BRIDGE}"
    ip -n "${LAN_NS}" link set dev "${port}" up
    ip -n "${ns}" link set dev "${HOST_DEV}" up
}

# add_hosts ORDER... : attach hosts (client dir rs1 rs2) in the given order.
add_hosts() {
    local h
    for h in "$@"; do
        case ${h} in
            client) add_host client "${CLIENT_IP}" "${CLIENT_MAC}" ;;
            dir)    add_host dir    "${DIR_IP}"    "${DIR_MAC}" ;;
            rs1)    add_host rs1    "${RS1_IP}"    "${RS1_MAC}" ;;
            rs2)    add_host rs2    "${RS2_IP}"    "${RS2_MAC}" ;;
            dir2)   add_host dir2   "${DIR2_IP}"   "${DIR2_MAC}" ;;
            router) add_host router "${ROUTER_IP}" "${ROUTER_MAC}" ;;
            foreign) add_host foreign "${FOREIGN_IP}" "${FOREIGN_MAC}" ;;
            *) die "unknown host ${h}" ;;
        esac
    done
}

# start_http NAME [PAD] : tiny HTTP server on 0.0.0.0:80 in drlab-NAME answering
# "NAME\n", followed by PAD bytes of filler lines when PAD is given (a reply
# larger than one segment).
start_http() {
    local name=$1 ns="${NS_PREFIX}$1" pad=${2:-0} i
    # Started with a plain "ip netns exec" (not via a shell function) so that
    # $! is the server's own PID: ip exec()s the command.
    ip netns exec "${ns}" "${PYTHON}" -c '
import sys, http.server
name = sys.argv[1]
pad = int(sys.argv[2])
class H(http.server.BaseHTTPRequestHandler):
    server_version = "drlab"
    wbufsize = 65536  # headers + body leave in one write, one segment
    sys_version = ""
    def do_GET(self):
        body = (name + "\n" + ("." * 63 + "\n") * (pad // 64)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
http.server.HTTPServer(("0.0.0.0", 80), H).serve_forever()
' "${name}" "${pad}" >"${WORK_DIR}/http-${name}.log" 2>&1 &
    SERVER_PIDS+=("$!")
    for i in $(seq 1 50); do
        if nsx "${ns}" ss -Hltn "sport = :${VPORT}" | grep -q LISTEN; then
            log "http server on ${name} listening"
            return 0
        fi
        sleep 0.1
    done
    die "HTTP server in ${ns} did not start listening (${i} polls); see ${WORK_DIR}/http-${name}.log"
}

# setup_rs NAME [options] : configure a real server.
#   --arp-ignore N    arp_ignore value (default 1)
#   --arp-announce N  arp_announce value (default 2)
#   --no-vip          do not put the VIP on lo
#   --no-http         do not start the HTTP server
#   --reply-pad N     the HTTP reply carries N filler bytes after the name
setup_rs() {
    local name=$1 ns="${NS_PREFIX}$1"; shift
    local arp_ignore=1 arp_announce=2 vip=1 http=1 pad=0
    while [[ $# -gt 0 ]]; do
        case $1 in
            --arp-ignore)   arp_ignore=$2; shift 2 ;;
            --arp-announce) arp_announce=$2; shift 2 ;;
            --no-vip)     vip=0; shift ;;
            --no-http)    http=0; shift ;;
            --reply-pad)  pad=$2; shift 2 ;;
            *) die "setup_rs: bad option $1" ;;
        esac
    done
    nsysctl "${ns}" \
        "net.ipv4.conf.all.arp_ignore=${arp_ignore}" "net.ipv4.conf.${HOST_DEV}.arp_ignore=${arp_ignore}" \
        "net.ipv4.conf.all.arp_announce=${arp_announce}" "net.ipv4.conf.${HOST_DEV}.arp_announce=${arp_announce}"
    if [[ ${vip} -eq 1 ]]; then ip -n "${ns}" addr add "${VIP}/32" dev lo; fi
    if [[ ${http} -eq 1 ]]; then start_http "${name}" "${pad}"; fi
}

# route_to_client_via_director NAME : RS sends traffic for the client to the DIP.
route_to_client_via_director() {
    ip -n "${NS_PREFIX}$1" route add "${CLIENT_IP}/32" via "${DIR_IP}" dev "${HOST_DEV}"
}

# Director in DR mode: VIP on its LAN device (answers ARP for it), and an
# nftables netdev ingress chain rewriting only the Ethernet header of VIP:80
# frames and sending them back out of the same device to an RS chosen by jhash.
setup_director_dr() {
    local ns="${NS_PREFIX}dir"
    ip -n "${ns}" addr add "${VIP}/32" dev "${HOST_DEV}"
    nsx "${ns}" nft -f - <<EOF
table netdev drlab_dr {
    chain ingress {
        type filter hook ingress device "${HOST_DEV}" priority 0; policy accept;
        ip daddr ${VIP} tcp dport ${VPORT} ether saddr set ${DIR_MAC} ether daddr set jhash ip saddr . tcp sport mod 2 seed ${JHASH_SEED} map { 0 : ${RS1_MAC}, 1 : ${RS2_MAC} } fwd to "${HOST_DEV}"
    }
}
EOF
}

# rs_replies_from_rip NAME : the RS (VIP still on lo) rewrites the source of
# its VIP:80 replies to its own RIP, so the client gets replies it never asked
# for. Stateless (ip saddr set, checksums updated): a "snat" rule in a nat
# chain would never fire, because the replies belong to the reply direction of
# the conntrack entry that the incoming SYN created, and nat chains only see
# the first packet of a connection.
rs_replies_from_rip() {
    local ns="${NS_PREFIX}$1" rip
    case $1 in rs1) rip=${RS1_IP} ;; rs2) rip=${RS2_IP} ;; *) die "rs_replies_from_rip: not an RS: $1" ;; esac
    nsx "${ns}" nft -f - <<EOF
table ip drlab_rip {
    chain postrouting {
        type filter hook postrouting priority srcnat; policy accept;
        ip saddr ${VIP} tcp sport ${VPORT} ip saddr set ${rip}
    }
}
EOF
}

# Let the director route packets that RSs send it (replies from the VIP).
director_relay_replies() {
    local ns="${NS_PREFIX}dir"
    nsysctl "${ns}" net.ipv4.ip_forward=1 \
        net.ipv4.conf.all.accept_local=1 "net.ipv4.conf.${HOST_DEV}.accept_local=1" \
        net.ipv4.conf.all.rp_filter=0 "net.ipv4.conf.${HOST_DEV}.rp_filter=0" \
        net.ipv4.conf.all.send_redirects=0 "net.ipv4.conf.${HOST_DEV}.send_redirects=0"
}

# Director in NAT mode: VIP is a local address, the director routes and DNATs
# VIP:80 to a RIP chosen by jhash; conntrack un-NATs the replies.
setup_director_nat() {
    local ns="${NS_PREFIX}dir"
    ip -n "${ns}" addr add "${VIP}/32" dev "${HOST_DEV}"
    nsysctl "${ns}" net.ipv4.ip_forward=1 \
        net.ipv4.conf.all.send_redirects=0 "net.ipv4.conf.${HOST_DEV}.send_redirects=0"
    nsx "${ns}" nft -f - <<EOF
table ip drlab_nat {
    chain prerouting {
        type nat hook prerouting priority dstnat; policy accept;
        ip daddr ${VIP} tcp dport ${VPORT} dnat to jhash ip saddr . tcp sport mod 2 seed ${JHASH_SEED} map { 0 : ${RS1_IP}, 1 : ${RS2_IP} }
    }
}
EOF
}

# capture_suffix : what the capture mode appends to the scenario's file name.
capture_suffix() {
    case ${CAPTURE_MODE} in
        any)     echo "-any" ;;
        any-sll) echo "-any-sll" ;;
        points)  echo "-at-director" ;;
        *)       echo "" ;;
    esac
}

# capture_start NS IFACE FILE : tcpdump (pcap, microsecond, unbuffered) in NS,
# with the link type of the capture mode (-y: the cooked versions are named
# explicitly, so an older tcpdump fails instead of writing the other one).
# -i any gets a 64 MiB buffer (-B): libpcap apparently sizes each ring slot
# by the snap length there (no MTU to bound it), so the default 2 MiB holds
# only a few frames, and the kernel dropped about a quarter of them in bursts.
# An interface capture gets 16 MiB: with the default 2 MiB the bursts of
# full-sized reply segments in the pmtu-* scenarios lost a dozen frames once
# (on a loaded machine).
capture_start() {
    local ns=$1 iface=$2 file=$3 i extra=(-B 16384)
    case ${CAPTURE_MODE} in
        any)     extra=(-y LINUX_SLL2 -B 65536) ;;
        any-sll) extra=(-y LINUX_SLL -B 65536) ;;
    esac
    CAPTURE_LOG="${WORK_DIR}/tcpdump.log"
    ip netns exec "${ns}" tcpdump -i "${iface}" "${extra[@]+"${extra[@]}"}" -n -U --immediate-mode -s 0 -Z root \
        -w "${file}" >"${CAPTURE_LOG}" 2>&1 &
    CAPTURE_PID=$!
    for i in $(seq 1 50); do
        if grep -q "listening on" "${CAPTURE_LOG}" 2>/dev/null; then
            log "capturing on ${ns}/${iface} -> ${file}"
            return 0
        fi
        kill -0 "${CAPTURE_PID}" 2>/dev/null || break
        sleep 0.1
    done
    cat "${CAPTURE_LOG}" >&2
    die "tcpdump did not start on ${ns}/${iface} (${i} polls)"
}

capture_stop() {
    local pid
    sleep 0.5   # let the last FIN/ACK exchange reach the wire
    stop_pid "${CAPTURE_PID}" INT
    CAPTURE_PID=""
    for pid in "${EXTRA_CAPTURE_PIDS[@]+"${EXTRA_CAPTURE_PIDS[@]}"}"; do stop_pid "${pid}" INT; done
    EXTRA_CAPTURE_PIDS=()
}

# points_start FILE_PREFIX : --points mode, one tcpdump per capture point in
# drlab-lan: p-dir, p-rs1, p-rs2 into FILE_PREFIX-at-{director,rs1,rs2}.pcap.
# The first becomes CAPTURE_PID/CAPTURE_LOG, the others EXTRA_CAPTURE_*.
points_start() {
    local prefix=$1 point port log
    EXTRA_CAPTURE_LOGS=()
    for point in director rs1 rs2; do
        case ${point} in director) port=p-dir ;; *) port="p-${point}" ;; esac
        capture_start "${LAN_NS}" "${port}" "${prefix}-at-${point}.pcap"
        log=${WORK_DIR}/tcpdump-${point}.log
        mv -f -- "${CAPTURE_LOG}" "${log}"
        if [[ ${point} == director ]]; then
            POINTS_FIRST_PID=${CAPTURE_PID}; POINTS_FIRST_LOG=${log}
        else
            EXTRA_CAPTURE_PIDS+=("${CAPTURE_PID}"); EXTRA_CAPTURE_LOGS+=("${log}")
        fi
    done
    CAPTURE_PID=${POINTS_FIRST_PID}; CAPTURE_LOG=${POINTS_FIRST_LOG}
}
POINTS_FIRST_PID=""
POINTS_FIRST_LOG=""

# live_start NAME : --run-in-lan, the command in drlab-lan in the background;
# waits (bounded) until it has started capturing ("Capturing on" on its
# stdout or stderr, as drcheck live prints it) or has exited.
live_start() {
    local name=$1 i
    LIVE_OUT="${WORK_DIR}/${name}.live.json"; LIVE_ERR="${WORK_DIR}/${name}.live.err"
    # Started with a plain "ip netns exec" so that $! is the command's own PID
    # (ip exec()s bash, and bash -c exec()s a simple command).
    ip netns exec "${LAN_NS}" bash -c "${RUN_IN_LAN}" >"${LIVE_OUT}" 2>"${LIVE_ERR}" </dev/null &
    LIVE_PID=$!
    for i in $(seq 1 $((LIVE_START_SECONDS * 10))); do
        if grep -qs "Capturing on" "${LIVE_OUT}" "${LIVE_ERR}"; then
            log "run-in-lan command capturing (${i} polls)"
            return 0
        fi
        kill -0 "${LIVE_PID}" 2>/dev/null || { log "run-in-lan command exited early"; return 0; }
        sleep 0.1
    done
    echo "drlab: --run-in-lan command did not start capturing within ${LIVE_START_SECONDS} s" >&2
}
LIVE_OUT=""
LIVE_ERR=""
LIVE_RC=""

# live_wait : waits (at most LIVE_WAIT_SECONDS) for the --run-in-lan command,
# then stops it if it still runs; its exit status goes to LIVE_RC.
live_wait() {
    local i
    [[ -n ${LIVE_PID} ]] || return 0
    for i in $(seq 1 $((LIVE_WAIT_SECONDS * 10))); do
        kill -0 "${LIVE_PID}" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "${LIVE_PID}" 2>/dev/null; then
        echo "drlab: --run-in-lan command still running after ${LIVE_WAIT_SECONDS} s, stopping it" >&2
        stop_pid "${LIVE_PID}" TERM
        LIVE_RC="stopped"
    else
        LIVE_RC=0
        wait "${LIVE_PID}" 2>/dev/null || LIVE_RC=$?
    fi
    LIVE_PID=""
}

frames_in() { tcpdump -nn -r "$1" 2>/dev/null | wc -l; }

# kernel_drops : frames the kernel dropped during the last capture (from the
# statistics tcpdump prints when it stops); a capture with drops is incomplete.
kernel_drops() {
    local logs=() f
    for f in "${CAPTURE_LOG}" "${EXTRA_CAPTURE_LOGS[@]+"${EXTRA_CAPTURE_LOGS[@]}"}"; do
        [[ -r ${f} ]] && logs+=("${f}")
    done
    [[ ${#logs[@]} -gt 0 ]] || { echo 0; return 0; }
    awk '/packets dropped by kernel/ { n += $1 } END { print n + 0 }' "${logs[@]}"
}

# run_client : sequential curl requests to the VIP from the fixed local ports.
run_client() {
    CURL_OK=0; CURL_FAIL=0; CURL_DETAIL=""
    run_requests "${CLIENT_PORTS[@]}"
}

# check_expect FILE : compare the served-by pattern (and, for some scenarios,
# the capture FILE) with what the scenario expects.
#   both      every request succeeded, rs1 and rs2 both served some
#   rs1-only  every request succeeded and all were served by rs1
#   rs2-fails requests hashed to rs2 failed, the rest were served by rs1
#   rs1-fails requests hashed to rs1 failed, the rest were served by rs2
check_expect() {
    local d=" ${CURL_DETAIL} "
    case ${EXPECT} in
        both)      [[ ${CURL_FAIL} -eq 0 && ${d} == *"=rs1 "* && ${d} == *"=rs2 "* ]] ;;
        rs1-only)  [[ ${CURL_FAIL} -eq 0 && ${d} != *"=rs2 "* ]] ;;
        rs2-fails) [[ ${CURL_FAIL} -gt 0 && ${CURL_OK} -gt 0 && ${d} != *"=rs2 "* ]] ;;
        rs1-fails) [[ ${CURL_FAIL} -gt 0 && ${CURL_OK} -gt 0 && ${d} != *"=rs1 "* ]] ;;
        some-fail) [[ ${CURL_FAIL} -gt 0 ]] ;;
        all-fail)  [[ ${CURL_FAIL} -gt 0 && ${CURL_OK} -eq 0 ]] ;;
        flapping)  [[ ${CURL_FAIL} -eq 0 && ${d} == *"=rs1 "* && ${d} == *"=rs2 "* ]] \
                   && [[ $(garp_switches "$1") -ge 3 ]] ;;
        *) return 1 ;;
    esac
}

# cooked_re RE : an Ethernet evidence regex ("SRC > DST, ethertype ...") for
# the tcpdump -e text of a cooked capture, which shows only one address, the
# source ("... SRC ethertype ..."): the destination MAC is dropped from it.
cooked_re() {
    [[ -n $1 ]] || { echo ""; return 0; }
    sed -E 's/ ([^ ]+) > [^ ]+, ethertype / \1 ethertype /g' <<<"$1"
}

# evidence FILE : "N frames, first #F" for the frames of FILE (tcpdump -nn -e
# text, 1-based frame numbers) that match the scenario's EVIDENCE regex. If
# the scenario also sets EVIDENCE_NEXT, append ", then #G": the first frame
# after #F matching that regex (#0 if none). In a cooked (-i any) capture
# the regexes lose their destination MAC (see cooked_re), so they check less,
# and one frame may match once per interface it crossed.
evidence() {
    local re=${EVIDENCE} re_next=${EVIDENCE_NEXT}
    if [[ ${CAPTURE_MODE} == any || ${CAPTURE_MODE} == any-sll ]]; then
        re=$(cooked_re "${re}"); re_next=$(cooked_re "${re_next}")
    fi
    # The regexes go through the environment: awk -v would eat their backslashes.
    # Several files (--points) are read one after the other: frame numbers
    # then count on across them.
    # With EVIDENCE_VERBOSE=1 the text is tcpdump -v (IP header fields such as
    # the TTL), each frame's continuation lines joined onto its first line.
    local f verbose=()
    [[ ${EVIDENCE_VERBOSE} -eq 1 ]] && verbose=(-v)
    for f in "$@"; do tcpdump -nn -e "${verbose[@]+"${verbose[@]}"}" -r "${f}" 2>/dev/null; done \
        | awk '/^[ \t]/ { line = line " " $0; next } { if (NR > 1) print line; line = $0 } END { if (NR) print line }' \
        | DRLAB_RE="${re}" DRLAB_RE_NEXT="${re_next}" awk '
        first && !next_nr && ENVIRON["DRLAB_RE_NEXT"] != "" && $0 ~ ENVIRON["DRLAB_RE_NEXT"] { next_nr = NR }
        $0 ~ ENVIRON["DRLAB_RE"] { n++; if (!first) first = NR }
        END {
            printf "%d matching, first #%d", n, first
            if (ENVIRON["DRLAB_RE_NEXT"] != "") printf ", then #%d", next_nr
        }'
}

# Common driver: build -> capture -> traffic -> stop -> summary -> teardown.
# The scenario function builds the cluster and sets EXPECT and EVIDENCE (and
# CAP_IF for port captures). The pcap is written to WORK_DIR and moved into
# OUT_DIR only when complete, so an interrupted run leaves no partial file.
# In the -i any modes the capture point is "any" in drlab-lan, whatever the
# scenario chose, and the file name gets the mode's suffix.
run_scenario() {
    local name=$1 file status ev frames tmp drops
    file="${name}$(capture_suffix).pcap"
    tmp="${WORK_DIR}/${file}"
    CAP_NS="${LAN_NS}"; CAP_IF="${BRIDGE}"; EXPECT="both"; EVIDENCE="^$"; EVIDENCE_NEXT=""; EVIDENCE_VERBOSE=0; TRAFFIC_FN=""
    make_lan
    "scenario_${name//-/_}"
    local files=("${tmp}") point
    case ${CAPTURE_MODE} in
        any|any-sll) CAP_NS="${LAN_NS}"; CAP_IF="any" ;;
        points)
            CAP_NS="${LAN_NS}"; CAP_IF="p-dir,p-rs1,p-rs2"
            files=("${WORK_DIR}/${name}-at-director.pcap" "${WORK_DIR}/${name}-at-rs1.pcap"
                   "${WORK_DIR}/${name}-at-rs2.pcap") ;;
    esac
    if [[ ${CAPTURE_MODE} == points ]]; then
        points_start "${WORK_DIR}/${name}"
    else
        capture_start "${CAP_NS}" "${CAP_IF}" "${tmp}"
    fi
    if [[ -n ${RUN_IN_LAN} ]]; then live_start "${name}"; fi
    "${TRAFFIC_FN:-run_client}"
    live_wait
    capture_stop
    teardown
    frames=0
    for point in "${files[@]}"; do frames=$((frames + $(frames_in "${point}"))); done
    drops=$(kernel_drops)
    ev=$(evidence "${files[@]}")
    status="ok"
    if ! check_expect "${tmp}" || [[ ${ev} == 0\ * || ${ev} == *", then #0" || ${drops} -ne 0 ]]; then
        status="UNEXPECTED"; UNEXPECTED+=("${name}")
    fi
    if [[ ${drops} -ne 0 ]]; then ev+="  (tcpdump: ${drops} frames dropped by kernel)"; fi
    for point in "${files[@]}"; do mv -f -- "${point}" "${OUT_DIR}/$(basename "${point}")"; done
    if [[ -n ${RUN_IN_LAN} ]]; then
        mv -f -- "${LIVE_OUT}" "${OUT_DIR}/${name}.live.json"
        mv -f -- "${LIVE_ERR}" "${OUT_DIR}/${name}.live.err"
        ev+="  (run-in-lan exit ${LIVE_RC})"
    fi
    printf '%-22s %-10s %4d frames  curl %2d ok %2d failed  capture %s:%s  evidence %s\n' \
        "${name}" "${status}" "${frames}" "${CURL_OK}" "${CURL_FAIL}" "${CAP_NS}" "${CAP_IF}" "${ev}"
    if [[ ${VERBOSE} -eq 1 ]]; then echo "  requests:${CURL_DETAIL}"; fi
}

# --------------------------------------------------------------------------
# Scenarios. Attach order matters for ARP races: the port attached LAST gets
# the client's broadcast ARP request first, and the client keeps the first
# reply it receives. The director is attached last unless stated otherwise.
# --------------------------------------------------------------------------
healthy_cluster() {
    add_hosts client rs1 rs2 dir
    setup_rs rs1
    setup_rs rs2
    setup_director_dr
}

# Evidence regexes match `tcpdump -nn -e -r` lines.
readonly RE_FWD_SYN="^.* ${DIR_MAC} > 02:00:00:00:00:1[12], ethertype IPv4 .* > ${VIP}\\.${VPORT}: Flags \\[S\\]"

# Healthy: forwarded SYNs (director MAC -> RS MAC, IP header untouched).
scenario_healthy() { healthy_cluster; EVIDENCE=${RE_FWD_SYN}; }

# rs1 answers ARP for the VIP, but the director's reply reaches the client first.
scenario_arp_ignore_rs1() {
    add_hosts client rs1 rs2 dir
    setup_rs rs1 --arp-ignore 0
    setup_rs rs2
    setup_director_dr
    EVIDENCE="^.* ${RS1_MAC} > ${CLIENT_MAC}, ethertype ARP .*Reply ${VIP} is-at ${RS1_MAC}"
}

# rs1 answers ARP for the VIP and wins: the client sends VIP traffic to rs1.
scenario_arp_ignore_rs1_wins() {
    add_hosts client rs2 dir rs1
    setup_rs rs1 --arp-ignore 0
    setup_rs rs2
    setup_director_dr
    EXPECT="rs1-only"
    EVIDENCE="^.* ${CLIENT_MAC} > ${RS1_MAC}, ethertype IPv4 .* > ${VIP}\\.${VPORT}: Flags \\[S\\]"
}

# rs2 has no VIP on lo: the SYNs the director forwards to it are dropped.
scenario_vip_missing_rs2() {
    add_hosts client rs1 rs2 dir
    setup_rs rs1
    setup_rs rs2 --no-vip
    setup_director_dr
    EXPECT="rs2-fails"
    EVIDENCE="^.* ${DIR_MAC} > ${RS2_MAC}, ethertype IPv4 .* > ${VIP}\\.${VPORT}: Flags \\[S\\]"
}

# rs2 has the VIP but no listener on port 80: it answers SYN with RST.
scenario_port_closed_rs2() {
    add_hosts client rs1 rs2 dir
    setup_rs rs1
    setup_rs rs2 --no-http
    setup_director_dr
    EXPECT="rs2-fails"
    EVIDENCE="^.* ${RS2_MAC} > ${CLIENT_MAC}, ethertype IPv4 .* ${VIP}\\.${VPORT} > .*Flags \\[R"
}

# NAT instead of DR: director DNATs to the RIPs and un-NATs the replies.
scenario_nat_mode() {
    add_hosts client rs1 rs2 dir
    setup_rs rs1 --no-vip
    setup_rs rs2 --no-vip
    route_to_client_via_director rs1
    route_to_client_via_director rs2
    setup_director_nat
    EVIDENCE="^.* ${DIR_MAC} > 02:00:00:00:00:1[12], ethertype IPv4 .* > 192\\.0\\.2\\.1[12]\\.${VPORT}: Flags \\[S\\]"
}

# DR forwarding, but the RSs route replies to the client via the director.
scenario_reply_via_director() {
    healthy_cluster
    route_to_client_via_director rs1
    route_to_client_via_director rs2
    director_relay_replies
    EVIDENCE="^.* ${DIR_MAC} > ${CLIENT_MAC}, ethertype IPv4 .* ${VIP}\\.${VPORT} > ${CLIENT_IP}\\.[0-9]+: Flags \\[S\\.\\]"
}

scenario_healthy_rs1_port()      { healthy_cluster; CAP_IF="p-rs1"; EVIDENCE=${RE_FWD_SYN}; }
scenario_healthy_director_port() { healthy_cluster; CAP_IF="p-dir"; EVIDENCE=${RE_FWD_SYN}; }

# rs1 has arp_announce=0: when it ARPs for the client (to send its first reply
# from the VIP) the request carries the VIP as sender IP.
scenario_arp_announce_rs1() {
    add_hosts client rs1 rs2 dir
    setup_rs rs1 --arp-announce 0
    setup_rs rs2
    setup_director_dr
    EXPECT="rs1-only"
    EVIDENCE="^.* ${RS1_MAC} > [0-9a-f:]+, ethertype ARP .*Request who-has ${CLIENT_IP} tell ${VIP},"
}

# rs1 replies from its RIP instead of the VIP: the client resets each SYN/ACK.
scenario_reply_from_rip() {
    healthy_cluster
    rs_replies_from_rip rs1
    EXPECT="rs1-fails"
    EVIDENCE="^.* ${RS1_MAC} > ${CLIENT_MAC}, ethertype IPv4 .* ${RS1_IP}\\.${VPORT} > ${CLIENT_IP}\\.[0-9]+: Flags \\[S\\.\\]"
    EVIDENCE_NEXT="^.* ${CLIENT_MAC} > ${RS1_MAC}, ethertype IPv4 .* ${CLIENT_IP}\\.[0-9]+ > ${RS1_IP}\\.${VPORT}: Flags \\[R\\]"
}

# --------------------------------------------------------------------------
# More scenarios: a routed client, per-packet scheduling, two directors and
# NAT without the return route. Their extra hosts and addresses:
#   router  drlab-router  192.0.2.1/24 on eth0 (LAN), 02:00:00:00:00:01;
#           198.51.100.1/24 on eth1, a veth to drlab-client (not on the LAN)
#   client  drlab-client  198.51.100.10/24 (routed-client only)
#   dir2    drlab-dir2    192.0.2.3/24 (second director), 02:00:00:00:00:03
# Only 192.0.2.0/24 (TEST-NET-1) and 198.51.100.0/24 (TEST-NET-2) are used.
# Extra EXPECT values (see check_expect): some-fail (at least one request
# failed), all-fail (every request failed), flapping (like "both", and the
# capture holds >= 3 switches of the gratuitous-ARP sender for the VIP).
# --------------------------------------------------------------------------
readonly ROUTER_IP="192.0.2.1"            ROUTER_MAC="02:00:00:00:00:01"
readonly ROUTER_WAN_IP="198.51.100.1"     ROUTER_WAN_MAC="02:00:00:00:00:21"
readonly ROUTED_CLIENT_IP="198.51.100.10" ROUTED_CLIENT_MAC="02:00:00:00:00:20"
readonly WAN_PREFIXLEN=24
readonly DIR2_IP="192.0.2.3"              DIR2_MAC="02:00:00:00:00:03"
readonly GARP_COUNT=2                     # gratuitous ARPs per VIP takeover
readonly GARP_TIMEOUT=5                   # s, bound on each arping run

# add_routed_client : drlab-client off the LAN, behind drlab-router (which
# must exist): veth eth0 (client) <-> eth1 (router), client default route via
# the router, ip_forward=1 on the router. The router has the LAN leg already
# (add_hosts router).
add_routed_client() {
    local ns="${NS_PREFIX}client" rns="${NS_PREFIX}router"
    new_ns "${ns}"
    ip -n "${rns}" link add eth1 type veth peer name "${HOST_DEV}" netns "${ns}"
    ip -n "${rns}" link set dev eth1 address "${ROUTER_WAN_MAC}"
    ip -n "${ns}" link set dev "${HOST_DEV}" address "${ROUTED_CLIENT_MAC}"
    no_offloads "${rns}" eth1
    no_offloads "${ns}" "${HOST_DEV}"
    ip -n "${rns}" addr add "${ROUTER_WAN_IP}/${WAN_PREFIXLEN}" dev eth1
    ip -n "${ns}" addr add "${ROUTED_CLIENT_IP}/${WAN_PREFIXLEN}" dev "${HOST_DEV}"
    ip -n "${rns}" link set dev eth1 up
    ip -n "${ns}" link set dev "${HOST_DEV}" up
    ip -n "${ns}" route add default via "${ROUTER_WAN_IP}" dev "${HOST_DEV}"
    nsysctl "${rns}" net.ipv4.ip_forward=1 \
        net.ipv4.conf.all.send_redirects=0 "net.ipv4.conf.${HOST_DEV}.send_redirects=0"
}

# default_via_router NAME : default route of drlab-NAME via the router's LAN leg.
default_via_router() {
    ip -n "${NS_PREFIX}$1" route add default via "${ROUTER_IP}" dev "${HOST_DEV}"
}

# setup_director_dr_as NAME MAC SCHED [--no-vip] : like setup_director_dr, but
# for director drlab-NAME with MAC, and SCHED as the nft expression choosing
# the map key (0 = rs1, 1 = rs2). The rule also matches "ether daddr MAC":
# with two directors on the LAN, the other director's forwarded frames are
# flooded to this one while the bridge has not learned the RS MAC yet, and
# the netdev ingress hook sees frames for any MAC (a real director's IPVS
# would never see those PACKET_OTHERHOST frames).
setup_director_dr_as() {
    local ns="${NS_PREFIX}$1" mac=$2 sched=$3 vip=1
    [[ ${4:-} == --no-vip ]] && vip=0
    if [[ ${vip} -eq 1 ]]; then ip -n "${ns}" addr add "${VIP}/32" dev "${HOST_DEV}"; fi
    nsx "${ns}" nft -f - <<EOT
table netdev drlab_dr {
    chain ingress {
        type filter hook ingress device "${HOST_DEV}" priority 0; policy accept;
        ether daddr ${mac} ip daddr ${VIP} tcp dport ${VPORT} ether saddr set ${mac} ether daddr set ${sched} map { 0 : ${RS1_MAC}, 1 : ${RS2_MAC} } fwd to "${HOST_DEV}"
    }
}
EOT
}
readonly SCHED_JHASH="jhash ip saddr . tcp sport mod 2 seed ${JHASH_SEED}"
readonly SCHED_PER_PACKET="numgen inc mod 2"

# require_arping : the two-director scenarios need arping (Thomas Habets'
# arping 2.x, Debian package "arping": -U, -S, -i, -W, -w); exit 2 without it.
require_arping() {
    command -v arping >/dev/null 2>&1 || { echo "drlab: required tool 'arping' not found in PATH" >&2; exit 2; }
}

# garp NAME : drlab-NAME announces the VIP (GARP_COUNT unsolicited ARP
# requests, sender = target = VIP, broadcast), bounded by -w and timeout.
garp() {
    nsx "${NS_PREFIX}$1" timeout "$((GARP_TIMEOUT + 2))" \
        arping -q -U -c "${GARP_COUNT}" -W 0.2 -w "${GARP_TIMEOUT}" -i "${HOST_DEV}" -S "${VIP}" "${VIP}" \
        >/dev/null 2>&1 || true   # arping exits 1 when nobody answers, as expected here
}

# vip_move FROM TO : the VIP leaves drlab-FROM (if given) and drlab-TO takes
# it over and announces it. Nothing is flushed on the client.
vip_move() {
    local from=$1 to=$2
    if [[ -n ${from} ]]; then ip -n "${NS_PREFIX}${from}" addr del "${VIP}/32" dev "${HOST_DEV}"; fi
    ip -n "${NS_PREFIX}${to}" addr add "${VIP}/32" dev "${HOST_DEV}" 2>/dev/null || true  # may already own it
    garp "${to}"
    log "VIP ${from:+moved from ${from} }to ${to}"
}

# garp_switches FILE : how often the sender MAC of gratuitous ARPs for the VIP
# changes in FILE (0 if FILE is empty or missing).
garp_switches() {
    [[ -n $1 && -r $1 ]] || { echo 0; return 0; }
    tcpdump -nn -e -r "$1" 2>/dev/null | awk -v vip="${VIP}" '
        / ethertype ARP / && $0 ~ ("who-has " vip " (\\([0-9a-f:]+\\) )?tell " vip ",") {
            if (last != "" && $2 != last) n++
            last = $2
        }
        END { print n + 0 }'
}

# Traffic: run_scenario runs run_client, or the function a scenario names in
# TRAFFIC_FN (reset for every scenario in run_scenario).
TRAFFIC_FN=""

# run_requests PORT... : one curl request to the VIP from each local port, adding
# to CURL_OK/CURL_FAIL/CURL_DETAIL (reset them first).
run_requests() {
    local ns="${NS_PREFIX}client" port body rc
    for port in "$@"; do
        rc=0
        body=$(nsx "${ns}" curl -s --max-time "${CURL_MAX_TIME}" --local-port "${port}" \
               "http://${VIP}:${VPORT}/") || rc=$?
        if [[ ${rc} -eq 0 ]]; then
            CURL_OK=$((CURL_OK + 1))
            body=${body%%$'\n'*}
            CURL_DETAIL+=" ${port}=${body//[[:space:]]/}"
        else
            CURL_FAIL=$((CURL_FAIL + 1))
            CURL_DETAIL+=" ${port}=fail(${rc})"
        fi
        sleep "${REQUEST_GAP}"
    done
}

# Failover: 6 requests via dir, the VIP moves to dir2 (gratuitous ARP), 6 more.
traffic_failover() {
    CURL_OK=0; CURL_FAIL=0; CURL_DETAIL=""
    run_requests "${CLIENT_PORTS[@]:0:6}"
    vip_move dir dir2
    run_requests "${CLIENT_PORTS[@]:6:6}"
}

# Flapping: both directors own the VIP; they announce it in turn, 5 times,
# with 2 requests before each announcement and after the last.
traffic_flapping() {
    local i owner
    CURL_OK=0; CURL_FAIL=0; CURL_DETAIL=""
    for i in 0 1 2 3 4 5; do
        if [[ ${i} -gt 0 ]]; then
            if (( i % 2 )); then owner=dir2; else owner=dir; fi
            garp "${owner}"
            log "gratuitous ARP from ${owner}"
        fi
        run_requests "${CLIENT_PORTS[@]:$((i * 2)):2}"
    done
}

# The client is in 198.51.100.0/24 behind drlab-router; the RSs and the
# director have their default route via the router. Healthy DR.
scenario_routed_client() {
    add_hosts router rs1 rs2 dir
    add_routed_client
    setup_rs rs1
    setup_rs rs2
    setup_director_dr
    default_via_router rs1
    default_via_router rs2
    default_via_router dir
    EVIDENCE="^.* ${ROUTER_MAC} > ${DIR_MAC}, ethertype IPv4 .* ${ROUTED_CLIENT_IP}\\.[0-9]+ > ${VIP}\\.${VPORT}: Flags \\[S\\]"
    EVIDENCE_NEXT="^.* 02:00:00:00:00:1[12] > ${ROUTER_MAC}, ethertype IPv4 .* ${VIP}\\.${VPORT} > ${ROUTED_CLIENT_IP}\\.[0-9]+: Flags \\[S\\.\\]"
}

# No flow affinity: the director picks the RS per packet (numgen inc mod 2),
# so the frames of one connection go to both RSs; the RS that never saw the
# SYN resets the connection.
scenario_flow_split() {
    add_hosts client rs1 rs2 dir
    setup_rs rs1
    setup_rs rs2
    setup_director_dr_as dir "${DIR_MAC}" "${SCHED_PER_PACKET}"
    EXPECT="some-fail"
    EVIDENCE="^.* ${DIR_MAC} > ${RS1_MAC}, ethertype IPv4 .* ${CLIENT_IP}\\.${CLIENT_PORTS[0]} > ${VIP}\\.${VPORT}: Flags \\[S\\]"
    EVIDENCE_NEXT="^.* ${DIR_MAC} > ${RS2_MAC}, ethertype IPv4 .* ${CLIENT_IP}\\.${CLIENT_PORTS[0]} > ${VIP}\\.${VPORT}: "
}

# Two directors with the same DR chain; dir2 takes the VIP over after 6
# requests and announces it with gratuitous ARP.
scenario_director_failover() {
    add_hosts client rs1 rs2 dir2 dir
    setup_rs rs1
    setup_rs rs2
    setup_director_dr_as dir "${DIR_MAC}" "${SCHED_JHASH}"
    setup_director_dr_as dir2 "${DIR2_MAC}" "${SCHED_JHASH}" --no-vip
    require_arping
    TRAFFIC_FN=traffic_failover
    EVIDENCE="^.* ${DIR2_MAC} > ff:ff:ff:ff:ff:ff, ethertype ARP .*who-has ${VIP} (\\([0-9a-f:]+\\) )?tell ${VIP},"
    EVIDENCE_NEXT="^.* ${DIR2_MAC} > 02:00:00:00:00:1[12], ethertype IPv4 .* > ${VIP}\\.${VPORT}: Flags \\[S\\]"
}

# Split brain: both directors own the VIP and announce it in turn.
scenario_director_flapping() {
    add_hosts client rs1 rs2 dir2 dir
    setup_rs rs1
    setup_rs rs2
    setup_director_dr_as dir "${DIR_MAC}" "${SCHED_JHASH}"
    setup_director_dr_as dir2 "${DIR2_MAC}" "${SCHED_JHASH}"
    require_arping
    TRAFFIC_FN=traffic_flapping
    EXPECT="flapping"
    EVIDENCE="^.* ${DIR2_MAC} > ff:ff:ff:ff:ff:ff, ethertype ARP .*who-has ${VIP} (\\([0-9a-f:]+\\) )?tell ${VIP},"
    EVIDENCE_NEXT="^.* ${DIR_MAC} > ff:ff:ff:ff:ff:ff, ethertype ARP .*who-has ${VIP} (\\([0-9a-f:]+\\) )?tell ${VIP},"
}

# NAT director, but the RSs have no route back via it: they answer from the
# RIP straight to the client, which resets the unknown SYN/ACKs.
scenario_nat_no_return() {
    add_hosts client rs1 rs2 dir
    setup_rs rs1 --no-vip
    setup_rs rs2 --no-vip
    setup_director_nat
    EXPECT="all-fail"
    EVIDENCE="^.* ${RS1_MAC} > ${CLIENT_MAC}, ethertype IPv4 .* ${RS1_IP}\\.${VPORT} > ${CLIENT_IP}\\.[0-9]+: Flags \\[S\\.\\]"
    EVIDENCE_NEXT="^.* ${CLIENT_MAC} > ${RS1_MAC}, ethertype IPv4 .* ${CLIENT_IP}\\.[0-9]+ > ${RS1_IP}\\.${VPORT}: Flags \\[R\\]"
}

# --------------------------------------------------------------------------
# Path MTU, a routing director, replies the director does not pass on.
#   pmtu-*: the router's route to the routed client carries a smaller MTU (as
#   a tunnel or PPPoE link would), and the real servers send replies larger
#   than one segment, so full-sized reply segments (DF set) make the router
#   send ICMP "fragmentation needed" to their source: the VIP, that is, the
#   director.
# --------------------------------------------------------------------------
readonly NARROW_MTU=1000
readonly REPLY_PAD=6000   # filler bytes per HTTP reply: several full segments

# pmtu_cluster : routed client, both RSs with large replies, the narrow route
# on the router; the director is set up by the scenario.
pmtu_cluster() {
    add_hosts router rs1 rs2 dir
    add_routed_client
    setup_rs rs1 --reply-pad "${REPLY_PAD}"
    setup_rs rs2 --reply-pad "${REPLY_PAD}"
    default_via_router rs1
    default_via_router rs2
    default_via_router dir
    ip -n "${NS_PREFIX}router" route add "${ROUTED_CLIENT_IP}/32" dev eth1 mtu "${NARROW_MTU}"
}

# relay_icmp_to_rs : the director also forwards ICMP "destination unreachable"
# for the VIP, to the RS that the quoted packet's flow hashes to. The quoted
# packet is a reply (VIP:80 -> client:port), so its destination address and
# port (ICMP header 8 bytes + IPv4 header 20 bytes in: bits 192 and 240 of
# the ICMP message) are the client's, the same jhash input as for the
# client's own frames. IPVS does the same for the connections it knows.
relay_icmp_to_rs() {
    nsx "${NS_PREFIX}dir" nft add rule netdev drlab_dr ingress \
        ip daddr "${VIP}" icmp type destination-unreachable ether saddr set "${DIR_MAC}" \
        ether daddr set jhash @th,192,32 . @th,240,16 mod 2 seed "${JHASH_SEED}" \
        map "{ 0 : ${RS1_MAC}, 1 : ${RS2_MAC} }" fwd to "\"${HOST_DEV}\""
}

# Six requests: flows on both RSs, and at most six timeouts.
traffic_six() {
    CURL_OK=0; CURL_FAIL=0; CURL_DETAIL=""
    run_requests "${CLIENT_PORTS[@]:0:6}"
}

readonly RE_FRAG_NEEDED="ethertype IPv4 .* ${ROUTER_IP} > ${VIP}: ICMP ${ROUTED_CLIENT_IP} unreachable - need to frag \\(mtu ${NARROW_MTU}\\)"

# The director forwards only TCP to the VIP port: the router's "fragmentation
# needed" ends at the director, the RSs never lower their path MTU and keep
# resending full-sized segments (a path MTU black hole).
scenario_pmtu_blackhole() {
    pmtu_cluster
    setup_director_dr
    TRAFFIC_FN=traffic_six
    EXPECT="all-fail"
    EVIDENCE="^.* ${ROUTER_MAC} > ${DIR_MAC}, ${RE_FRAG_NEEDED}"
}

# The same path, but the director relays the ICMP error to the RS of the flow,
# which lowers its path MTU and resends smaller segments: every request works.
scenario_pmtu_relayed() {
    pmtu_cluster
    setup_director_dr
    relay_icmp_to_rs
    TRAFFIC_FN=traffic_six
    EVIDENCE="^.* ${ROUTER_MAC} > ${DIR_MAC}, ${RE_FRAG_NEEDED}"
    EVIDENCE_NEXT="^.* ${DIR_MAC} > 02:00:00:00:00:1[12], ${RE_FRAG_NEEDED}"
}

# setup_director_routing : the director routes VIP:80 packets to the RSs
# instead of switching them. The VIP stays a local address (so the director
# answers ARP for it), but packets to VIP:80 are marked in prerouting, and the
# mark selects a table whose VIP route has the two RIPs as next hops (layer-4
# multipath hash, so a flow stays on one RS, though which RS varies between
# runs); the local table is consulted after that rule. Routing lowers the
# TTL; ICMP redirects are off.
setup_director_routing() {
    local ns="${NS_PREFIX}dir"
    ip -n "${ns}" addr add "${VIP}/32" dev "${HOST_DEV}"
    nsysctl "${ns}" net.ipv4.ip_forward=1 net.ipv4.fib_multipath_hash_policy=1 \
        net.ipv4.conf.all.send_redirects=0 "net.ipv4.conf.${HOST_DEV}.send_redirects=0"
    nsx "${ns}" nft -f - <<EOT
table ip drlab_route {
    chain prerouting {
        type filter hook prerouting priority mangle; policy accept;
        ip daddr ${VIP} tcp dport ${VPORT} meta mark set 1
    }
}
EOT
    ip -n "${ns}" rule add pref 100 fwmark 1 lookup 100
    ip -n "${ns}" rule add pref 200 lookup local
    ip -n "${ns}" rule del pref 0
    ip -n "${ns}" route add "${VIP}/32" table 100 \
        nexthop via "${RS1_IP}" dev "${HOST_DEV}" nexthop via "${RS2_IP}" dev "${HOST_DEV}"
}

# The director routes instead of switching: forwarded frames keep their IPs
# and ports but arrive with the TTL lowered by one. Traffic still works.
scenario_director_routing() {
    add_hosts client rs1 rs2 dir
    setup_rs rs1
    setup_rs rs2
    setup_director_routing
    EVIDENCE_VERBOSE=1
    EVIDENCE="^.* ${DIR_MAC} > 02:00:00:00:00:1[12], ethertype IPv4 .*ttl 63,.* > ${VIP}\\.${VPORT}: Flags \\[S\\]"
}

# rs1 routes replies to the client via the director, which does not pass them
# on (ip_forward=0, and their source is its own VIP): rs1's flows fail.
scenario_reply_via_director_dropped() {
    healthy_cluster
    route_to_client_via_director rs1
    EXPECT="rs1-fails"
    EVIDENCE="^.* ${RS1_MAC} > ${DIR_MAC}, ethertype IPv4 .* ${VIP}\\.${VPORT} > ${CLIENT_IP}\\.[0-9]+: Flags \\[S\\.\\]"
}

# --------------------------------------------------------------------------
# Director pairs under keepalived VRRP (vrrp-*). The real keepalived, VRRP
# only (keepalived --vrrp: this kernel has no IPVS), runs in drlab-dir and
# drlab-dir2, each with its own configuration, pid files and log in WORK_DIR,
# started in the foreground (--dont-fork) and stopped by PID. VRRP v2,
# multicast 224.0.0.18, VRID 51, advert_int 1 s, no authentication; keepalived
# adds the VIP to the master's eth0 and sends gratuitous ARPs for it. Both
# directors have the DR chain (setup_director_dr_as ... --no-vip).
#   foreign  drlab-foreign  192.0.2.4/24, 02:00:00:00:00:04: an unrelated
#            keepalived with the same VRID and VIP 192.0.2.200 (vrrp-vrid-clash)
# --------------------------------------------------------------------------
readonly FOREIGN_IP="192.0.2.4"           FOREIGN_MAC="02:00:00:00:00:04"
readonly FOREIGN_VIP="192.0.2.200"
readonly VRID=51
readonly VRRP_WAIT=15                      # s, bound on waiting for a VRRP state

require_keepalived() {
    command -v keepalived >/dev/null 2>&1 \
        || { echo "drlab: required tool 'keepalived' not found in PATH" >&2; exit 2; }
}

# keepalived_start NAME STATE PRIORITY VIP : keepalived in drlab-NAME for VRID
# 51 with VIP on eth0; its PID goes to KA_PID_<NAME> and SERVER_PIDS.
keepalived_start() {
    local name=$1 state=$2 prio=$3 vip=$4 ns="${NS_PREFIX}$1" conf pid
    conf="${WORK_DIR}/keepalived-${name}.conf"
    cat >"${conf}" <<EOT
global_defs {
    router_id drlab-${name}
    vrrp_garp_master_delay 0
    vrrp_garp_master_repeat 2${KA_GLOBAL_EXTRA:+
    ${KA_GLOBAL_EXTRA}}
}
vrrp_instance VI_DR {
    state ${state}
    interface ${HOST_DEV}
    virtual_router_id ${VRID}
    priority ${prio}
    advert_int 1
    virtual_ipaddress {
        ${vip}/32 dev ${HOST_DEV}
    }
}
EOT
    # A plain "ip netns exec" so that $! is keepalived's own PID (ip exec()s it).
    ip netns exec "${ns}" keepalived --vrrp --dont-fork --dont-respawn --log-console --log-detail --no-syslog \
        -f "${conf}" -p "${WORK_DIR}/keepalived-${name}.pid" -r "${WORK_DIR}/keepalived-${name}-vrrp.pid" \
        >"${WORK_DIR}/keepalived-${name}.log" 2>&1 </dev/null &
    pid=$!
    SERVER_PIDS+=("${pid}")
    printf -v "KA_PID_${name}" '%s' "${pid}"
    log "keepalived on ${name} (${state}, priority ${prio}): PID ${pid}"
}
KA_PID_dir=""
KA_PID_dir2=""
KA_PID_foreign=""
# Extra global_defs lines for the next keepalived_start calls (set by a scenario).
KA_GLOBAL_EXTRA=""

# keepalived_log_wait NAME TEXT : waits (bounded) until drlab-NAME's keepalived
# log shows TEXT (e.g. "Entering BACKUP STATE").
keepalived_log_wait() {
    local name=$1 text=$2 i
    for i in $(seq 1 $((VRRP_WAIT * 10))); do
        if grep -qs "${text}" "${WORK_DIR}/keepalived-${name}.log"; then return 0; fi
        sleep 0.1
    done
    cat "${WORK_DIR}/keepalived-${name}.log" >&2 || true
    die "keepalived on ${name} did not log '${text}' within ${VRRP_WAIT} s"
}

# has_vip NAME [VIP] : drlab-NAME holds VIP (default the cluster's) on eth0.
has_vip() { ip -n "${NS_PREFIX}$1" -4 -o addr show dev "${HOST_DEV}" | grep -q " ${2:-${VIP}}/32 "; }

# vip_wait NAME : waits (bounded) until drlab-NAME holds the VIP.
vip_wait() {
    local i
    for i in $(seq 1 $((VRRP_WAIT * 10))); do
        if has_vip "$1"; then log "$1 holds the VIP (${i} polls)"; return 0; fi
        sleep 0.1
    done
    die "$1 did not take the VIP within ${VRRP_WAIT} s"
}

# vrrp_pair [HOST...] : the DR cluster with two directors (and HOST..., attached
# before them) for keepalived; vrrp_pair_start then starts keepalived: dir master
# (priority 150), dir2 backup (100); returns when dir holds the VIP and dir2
# is backup. dir is attached last, so it is first to answer the client's ARP.
vrrp_pair() {
    require_keepalived
    add_hosts client rs1 rs2 "$@" dir2 dir
    setup_rs rs1
    setup_rs rs2
    setup_director_dr_as dir "${DIR_MAC}" "${SCHED_JHASH}" --no-vip
    setup_director_dr_as dir2 "${DIR2_MAC}" "${SCHED_JHASH}" --no-vip
}

vrrp_pair_start() {
    keepalived_start dir MASTER 150 "${VIP}"
    vip_wait dir
    keepalived_start dir2 BACKUP 100 "${VIP}"
    keepalived_log_wait dir2 "Entering BACKUP STATE"
}

# drop_vrrp_from NAME SRC : drlab-NAME's nftables drops VRRP (IP protocol 112)
# from SRC: the firewall mistake behind a split brain.
drop_vrrp_from() {
    nsx "${NS_PREFIX}$1" nft -f - <<EOT
table ip drlab_vrrp_drop {
    chain input {
        type filter hook input priority 0; policy accept;
        ip saddr $2 ip protocol vrrp drop
    }
}
EOT
}

# Traffic of the vrrp-* scenarios: a few adverts, the 12 requests, a few more.
traffic_vrrp() {
    sleep 2
    run_client
    sleep 2
}

# 6 requests via the master, its keepalived stopped with SIGTERM (it sends a
# priority-0 advert and drops the VIP), dir2 takes over, 6 more requests.
traffic_vrrp_failover() {
    CURL_OK=0; CURL_FAIL=0; CURL_DETAIL=""
    sleep 2
    run_requests "${CLIENT_PORTS[@]:0:6}"
    stop_pid "${KA_PID_dir}" TERM
    vip_wait dir2
    sleep 0.5
    run_requests "${CLIENT_PORTS[@]:6:6}"
    sleep 2
}

readonly RE_ADVERT="ethertype IPv4 .* > 224\\.0\\.0\\.18: VRRPv2, Advertisement, vrid ${VRID}, prio"

# A healthy pair: dir advertises as master, dir2 is a silent backup.
scenario_vrrp_healthy() {
    vrrp_pair
    vrrp_pair_start
    TRAFFIC_FN=traffic_vrrp
    EVIDENCE="^.* ${DIR_MAC} > 01:00:5e:00:00:12, ${RE_ADVERT} 150,"
    EVIDENCE_NEXT=${RE_FWD_SYN}
}

# A clean failover: dir's keepalived stops mid-traffic, dir2 takes over.
scenario_vrrp_failover() {
    vrrp_pair
    vrrp_pair_start
    TRAFFIC_FN=traffic_vrrp_failover
    EVIDENCE="^.* ${DIR_MAC} > 01:00:5e:00:00:12, ${RE_ADVERT} 0,"
    EVIDENCE_NEXT="^.* ${DIR2_MAC} > 01:00:5e:00:00:12, ${RE_ADVERT} 100,"
}

# Split brain: each director's nftables drops the other's VRRP, so both
# become master, hold the VIP and advertise. Both repeat their gratuitous ARP
# every second (vrrp_garp_master_refresh 1), so the client's ARP entry for
# the VIP, and with it the director it sends to, flips between them.
scenario_vrrp_split_brain() {
    vrrp_pair
    drop_vrrp_from dir "${DIR2_IP}"
    drop_vrrp_from dir2 "${DIR_IP}"
    KA_GLOBAL_EXTRA="vrrp_garp_master_refresh 1"
    keepalived_start dir MASTER 150 "${VIP}"
    keepalived_start dir2 BACKUP 100 "${VIP}"
    KA_GLOBAL_EXTRA=""
    vip_wait dir
    vip_wait dir2
    TRAFFIC_FN=traffic_vrrp
    EXPECT="flapping"
    EVIDENCE="^.* ${DIR2_MAC} > 01:00:5e:00:00:12, ${RE_ADVERT} 100,"
    EVIDENCE_NEXT="^.* ${DIR_MAC} > 01:00:5e:00:00:12, ${RE_ADVERT} 150,"
}

# VRID clash: an unrelated keepalived on the LAN (drlab-foreign) uses the same
# VRID for another VIP.
scenario_vrrp_vrid_clash() {
    vrrp_pair foreign
    vrrp_pair_start
    keepalived_start foreign MASTER 50 "${FOREIGN_VIP}"
    keepalived_log_wait foreign "Entering MASTER STATE"
    TRAFFIC_FN=traffic_vrrp
    EVIDENCE="^.* ${FOREIGN_MAC} > 01:00:5e:00:00:12, ${RE_ADVERT} 50,"
    EVIDENCE_NEXT="^.* ${DIR_MAC} > 01:00:5e:00:00:12, ${RE_ADVERT} 150,"
}

# The backup also holds the VIP, configured statically outside keepalived: it
# answers the client's ARP for the VIP too (after the master, attached last).
scenario_vrrp_backup_vip() {
    vrrp_pair
    vrrp_pair_start
    ip -n "${NS_PREFIX}dir2" addr add "${VIP}/32" dev "${HOST_DEV}"
    TRAFFIC_FN=traffic_vrrp
    EVIDENCE="^.* ${DIR2_MAC} > ${CLIENT_MAC}, ethertype ARP .*Reply ${VIP} is-at ${DIR2_MAC}"
    EVIDENCE_NEXT="^.* ${DIR_MAC} > 01:00:5e:00:00:12, ${RE_ADVERT} 150,"
}

# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------
main() {
    local selected=() s k known
    while [[ $# -gt 0 ]]; do
        case $1 in
            --list) printf '%s\n' "${SCENARIOS[@]}"; exit 0 ;;
            --out)  [[ $# -ge 2 ]] || { usage >&2; exit 2; }; OUT_DIR=$2; shift 2 ;;
            -v|--verbose) VERBOSE=1; shift ;;
            --run-in-lan) [[ $# -ge 2 && -n $2 ]] || { usage >&2; exit 2; }; RUN_IN_LAN=$2; shift 2 ;;
            --any|--any-sll|--points)
                # One capture mode per run.
                [[ ${CAPTURE_MODE} == iface || ${CAPTURE_MODE} == "${1#--}" ]] || { usage >&2; exit 2; }
                CAPTURE_MODE=${1#--}; shift ;;
            -h|--help) usage; exit 0 ;;
            -*) usage >&2; exit 2 ;;
            *)  selected+=("$1"); shift ;;
        esac
    done
    if [[ ${#selected[@]} -eq 0 ]]; then selected=("${SCENARIOS[@]}"); fi
    for s in "${selected[@]}"; do
        known=0
        for k in "${SCENARIOS[@]}"; do [[ ${k} == "${s}" ]] && known=1; done
        [[ ${known} -eq 1 ]] || { echo "drlab: unknown scenario '${s}' (try --list)" >&2; exit 2; }
    done

    check_tools
    local leftover
    leftover=$(existing_lab_ns)
    if [[ -n ${leftover} ]]; then
        echo "drlab: refusing to run, ${NS_PREFIX}* namespaces already exist: $(echo "${leftover}" | tr '\n' ' ')" >&2
        echo "drlab: remove them with 'ip netns del NAME' if they are stale" >&2
        exit 1
    fi
    mkdir -p -- "${OUT_DIR}"
    OUT_DIR="$(cd "${OUT_DIR}" && pwd)"
    WORK_DIR="$(mktemp -d /tmp/drlab.XXXXXX)"
    trap on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    for s in "${selected[@]}"; do
        run_scenario "${s}"
    done
    if [[ ${#UNEXPECTED[@]} -gt 0 ]]; then
        echo "drlab: scenarios that did not behave as expected: ${UNEXPECTED[*]}" >&2
        exit 3
    fi
}

main "$@"
