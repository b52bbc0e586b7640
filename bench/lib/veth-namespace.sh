# Sourced by the scripts that put drcheck live under real traffic (bench/live-load.sh, bench/live-soak.sh,
# bench/prometheus-scrape.sh): one private network namespace, named PREFIX-PID, with its loopback up and a veth pair
# v0/v1 (tcpreplay sends into v0, the captures listen on v1), IPv6 off so that no router solicitation is counted, and
# no address configured. On exit it ends the processes the script started (their PIDs in the array pids), by PID,
# then removes the namespace. Nothing is added to the root namespace.

pids=()

# veth_namespace PREFIX: creates the namespace, sets ns to its name and the exit trap that removes it
veth_namespace() {
    ns="$1-$$"
    trap veth_namespace_cleanup EXIT
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip -n "$ns" link add v0 type veth peer name v1
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$ns" link set v0 up
    ip -n "$ns" link set v1 up
}

veth_namespace_cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    ip netns del "$ns" 2>/dev/null || true
}
