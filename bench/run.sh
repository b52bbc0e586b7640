#!/usr/bin/env bash
# drcheck benchmark harness: generates the captures, then measures drcheck, tcpdump and tshark side by side on
# the same files, start-up time, the JMH hot-path benchmark (with -prof gc) and a JFR profile.
# One thing runs at a time. Results: bench/target/results/ (summary.md + raw logs). See docs/performance.md.
#
#   bench/run.sh                 # everything (about 6-10 minutes on 2 cores; needs ~7 GB free disk)
#
# Environment knobs (all optional):
#   DRCHECK_ROOT=DIR   drcheck checkout whose cli/target/drcheck.jar and analyzer-core are measured
#                      (default: this repository); it is built with `mvn -q -o -DskipTests install` unless
#                      SKIP_BUILD=1
#   REPS=3             runs per (tool, file) for the 10M file; the median is reported
#   FRAMES=10m CONC=100k SEED=1 MIX=mixed     the main file
#   FLAT_FRAMES=50m    the long file for the flat-memory check (same concurrency); 0 skips it
#   SYN_FLOOD=5m       SYNs in the flood file; FLOOD_STEPS="1000k 1100k" also measures just below/above the
#                      flow-table cap (2^20)
#   TSHARK_FRAMES=1m   tshark runs on this prefix of the main file (the generator is deterministic, so a
#                      shorter run with the same options is an exact prefix); drcheck is measured on it too
#   TIMEOUT=300        seconds before any single measured run is killed (reported as a timeout)
#   FLOOD_TIMEOUT=120  the same for the flood files
#   STARTUP_RUNS=20    runs per command for the start-up comparison
#   JMH=1 PROFILE=1    0 skips the JMH benchmark / the JFR profile
#   KEEP=1             keep the generated captures in bench/target/data (default: deleted at the end)
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$bench/.." && pwd)"
root="${DRCHECK_ROOT:-$repo}"
jar="$root/cli/target/drcheck.jar"
REPS="${REPS:-3}"
FRAMES="${FRAMES:-10m}"
CONC="${CONC:-100k}"
SEED="${SEED:-1}"
MIX="${MIX:-mixed}"
FLAT_FRAMES="${FLAT_FRAMES:-50m}"
SYN_FLOOD="${SYN_FLOOD:-5m}"
FLOOD_STEPS="${FLOOD_STEPS:-1000k 1050k 1100k}"
TSHARK_FRAMES="${TSHARK_FRAMES:-1m}"
TIMEOUT="${TIMEOUT:-300}"
FLOOD_TIMEOUT="${FLOOD_TIMEOUT:-120}"
STARTUP_RUNS="${STARTUP_RUNS:-20}"
JMH="${JMH:-1}"
PROFILE="${PROFILE:-1}"
KEEP="${KEEP:-0}"

data="$bench/target/data"
out="$bench/target/results"
mkdir -p "$data" "$out"
summary="$out/summary.md"
results="$out/results.psv"

die() { echo "run.sh: $*" >&2; exit 1; }

summary_only=0
[ "${1:-}" = --summary-only ] && summary_only=1 # rebuild summary.md from the raw results of the last run

# ---------------------------------------------------------------- tools
need_pkg() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "run.sh: installing $2 (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 || return 1
}
[ -x /usr/bin/time ] || need_pkg /usr/bin/time time || die "GNU time is needed: apt-get install time"
need_pkg tcpdump tcpdump || die "tcpdump is needed"
need_pkg tshark tshark || echo "run.sh: tshark unavailable, skipping it" >&2
need_pkg hyperfine hyperfine || echo "run.sh: hyperfine unavailable, using a loop for start-up" >&2

if [ $summary_only = 0 ]; then
# ---------------------------------------------------------------- build
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "run.sh: building drcheck in $root" >&2
    (cd "$root" && mvn -q -o -B -DskipTests install) >"$out/build.log" 2>&1 || { cat "$out/build.log"; die "drcheck build failed"; }
fi
[ -f "$jar" ] || die "missing $jar"
echo "run.sh: building bench" >&2
(cd "$bench" && { mvn -q -o -B package || mvn -q -B package; }) >"$out/bench-build.log" 2>&1 \
    || { cat "$out/bench-build.log"; die "bench build failed"; }
benchjar="$bench/target/drcheck-bench.jar"

gen() { # file args...
    local file="$1"; shift
    if [ ! -s "$file" ]; then
        /usr/bin/time -f "%e" -o "$out/gen.time" \
            java -cp "$benchjar" dev.drcheck.bench.CaptureGenerator --samples "$repo/sample-pcaps" --out "$file" "$@" \
            2>>"$out/gen.log"
        sed -n 's/^wrote \([0-9,]*\) frames.*/\1/p' "$out/gen.log" | tail -1 | tr -d , >"$file.frames"
        echo "generated $(basename "$file") in $(cat "$out/gen.time") s" >&2
        echo "- \`$(basename "$file")\`: $* -> $(stat -c %s "$file") bytes, generated in $(cat "$out/gen.time") s" >>"$out/files.md"
    fi
}
frames_of() { # the generator's own count (a sidecar FILE.frames), else count with tcpdump
    if [ -s "$1.frames" ]; then cat "$1.frames"; else tcpdump -r "$1" 2>/dev/null | wc -l; fi
}

# ---------------------------------------------------------------- measuring
# measure LABEL FILE FRAMES -- command...   appends one result line "label|file|frames|wall|rss_kb|status"
: >"$results"
: >"$out/files.md"
measure_once() { # label file frames cmd...
    local label="$1" file="$2" n="$3"; shift 3
    local tv="$out/time.$$"
    local status=ok
    set +e
    timeout --kill-after=5 "$TIMEOUT" /usr/bin/time -v -o "$tv" "$@" >"$out/last.stdout" 2>"$out/last.stderr"
    local rc=$?
    set -e
    if [ $rc = 124 ] || [ $rc = 137 ]; then
        status="timeout>${TIMEOUT}s"
    elif [ $rc -gt 1 ]; then
        status="exit$rc"
    fi
    local wall rss
    if [ "$status" = ok ] || [ "${status#exit}" != "$status" ]; then
        wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tv")"
        rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")"
    else
        wall="$TIMEOUT"; rss="?"
    fi
    rm -f "$tv"
    echo "$label|$(basename "$file")|$n|$wall|$rss|$status" | tee -a "$results" >&2
    cp "$out/last.stdout" "$out/$label.$(basename "$file").out" 2>/dev/null || true
}
measure() { # reps label file frames cmd...
    local reps="$1"; shift
    local i
    for ((i = 1; i <= reps; i++)); do measure_once "$@"; done
}
warm() { cat "$1" >/dev/null; } # page cache: every tool reads from memory, not disk

drcheck_cmd=(java -jar "$jar" file --color never)

main="$data/$MIX-$FRAMES-c$CONC-s$SEED.pcap"
gen "$main" --frames "$FRAMES" --concurrent-flows "$CONC" --seed "$SEED" --mix "$MIX"
n_main="$(frames_of "$main")"
warm "$main"
measure 1 warmup-drcheck "$main" "$n_main" "${drcheck_cmd[@]}" "$main"
sed -i '/^warmup-drcheck|/d' "$results"
measure "$REPS" drcheck "$main" "$n_main" "${drcheck_cmd[@]}" "$main"
measure "$REPS" tcpdump "$main" "$n_main" tcpdump -r "$main" -w /dev/null

if command -v tshark >/dev/null 2>&1; then
    small="$data/$MIX-$TSHARK_FRAMES-c$CONC-s$SEED.pcap"
    gen "$small" --frames "$TSHARK_FRAMES" --concurrent-flows "$CONC" --seed "$SEED" --mix "$MIX"
    n_small="$(frames_of "$small")"
    warm "$small"
    measure 1 tshark "$small" "$n_small" tshark -r "$small" -q -z conv,tcp
    measure "$REPS" drcheck "$small" "$n_small" "${drcheck_cmd[@]}" "$small"
    measure 1 tcpdump "$small" "$n_small" tcpdump -r "$small" -w /dev/null
    [ "$KEEP" = 1 ] || rm -f "$small" "$small.frames"
fi

flood="$data/synflood-$SYN_FLOOD.pcap"
gen "$flood" --syn-flood "$SYN_FLOOD"
n_flood="$(frames_of "$flood")"
warm "$flood"
main_timeout="$TIMEOUT"; TIMEOUT="$FLOOD_TIMEOUT"
measure 1 drcheck "$flood" "$n_flood" "${drcheck_cmd[@]}" "$flood"
measure 1 tcpdump "$flood" "$n_flood" tcpdump -r "$flood" -w /dev/null
[ "$KEEP" = 1 ] || rm -f "$flood" "$flood.frames"
for step in $FLOOD_STEPS; do
    f="$data/synflood-$step.pcap"
    gen "$f" --syn-flood "$step"
    warm "$f"
    measure 1 drcheck "$f" "$(frames_of "$f")" "${drcheck_cmd[@]}" "$f"
    [ "$KEEP" = 1 ] || rm -f "$f" "$f.frames"
done
TIMEOUT="$main_timeout"

if [ "$FLAT_FRAMES" != 0 ]; then
    long="$data/$MIX-$FLAT_FRAMES-c$CONC-s$SEED.pcap"
    gen "$long" --frames "$FLAT_FRAMES" --concurrent-flows "$CONC" --seed "$SEED" --mix "$MIX"
    n_long="$(frames_of "$long")"
    warm "$long"
    measure 1 drcheck "$long" "$n_long" "${drcheck_cmd[@]}" "$long"
    measure 1 tcpdump "$long" "$n_long" tcpdump -r "$long" -w /dev/null
    [ "$KEEP" = 1 ] || rm -f "$long" "$long.frames"
fi

# ---------------------------------------------------------------- start-up
sample="$repo/sample-pcaps/healthy.pcap"
if command -v hyperfine >/dev/null 2>&1; then
    cmds=("java -jar $jar file --color never $sample")
    command -v tshark >/dev/null 2>&1 && cmds+=("tshark -r $sample")
    hyperfine -N -i --warmup 3 --runs "$STARTUP_RUNS" --export-markdown "$out/startup.md" "${cmds[@]}" \
        >"$out/startup.log" 2>&1 || true
else
    for c in drcheck tshark; do
        s=$(date +%s%N)
        for ((i = 0; i < STARTUP_RUNS; i++)); do
            if [ $c = drcheck ]; then java -jar "$jar" file "$sample" >/dev/null || true
            else tshark -r "$sample" >/dev/null 2>&1 || true; fi
        done
        echo "| $c | $(( ($(date +%s%N) - s) / STARTUP_RUNS / 1000000 )) ms mean of $STARTUP_RUNS |" >>"$out/startup.md"
    done
fi

# ---------------------------------------------------------------- JMH + profile
if [ "$JMH" = 1 ] || [ "$PROFILE" = 1 ]; then
    jmhfile="$data/jmh.pcap" # a 2M-frame prefix of the main file
    gen "$jmhfile" --frames 2m --concurrent-flows "$CONC" --seed "$SEED" --mix "$MIX"
fi
if [ "$JMH" = 1 ]; then
    java -jar "$benchjar" HotPathBenchmark -p file="$jmhfile" -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc \
        -rf csv -rff "$out/jmh.csv" >"$out/jmh.log" 2>&1 || echo "run.sh: JMH failed, see $out/jmh.log" >&2
fi
if [ "$PROFILE" = 1 ]; then
    warm "$main"
    java -XX:+FlightRecorder -XX:StartFlightRecording=settings=profile,filename="$out/drcheck.jfr" \
        -jar "$jar" file --color never "$main" >/dev/null 2>"$out/jfr.log" || true
    # Self time: the top frame of each execution sample.
    jfr print --events jdk.ExecutionSample "$out/drcheck.jfr" \
        | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); c[$0]++; n++}
               END {for (m in c) printf "%5.1f%%  %6d  %s\n", 100*c[m]/n, c[m], m; }' \
        | sort -rn >"$out/hot-methods.txt" || true
    # Allocation: sampled bytes by allocating frame and class.
    jfr print --events jdk.ObjectAllocationSample "$out/drcheck.jfr" \
        | awk '/objectClass = / {cls=$3} /weight = / {w=$3; u=$4} /stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, "");
               m=1; if (u ~ /^kB/) m=1024; else if (u ~ /^MB/) m=1048576; else if (u ~ /^GB/) m=1073741824;
               gsub(/,/, "", w); b[cls "  @ " $0]+=w*m; t+=w*m}
               END {for (k in b) printf "%6.1f%%  %10.1f MB  %s\n", 100*b[k]/t, b[k]/1048576, k}' \
        | sort -rn >"$out/alloc-sites.txt" || true
fi
[ "$KEEP" = 1 ] || rm -f "$main" "$main.frames" "$data/jmh.pcap" "$data/jmh.pcap.frames"

fi # summary_only
# ---------------------------------------------------------------- summary
{
    echo "# drcheck benchmark results ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "drcheck: $root ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout'))"
    echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
    echo "java: $(java -version 2>&1 | head -1)"
    echo
    echo "## Files"
    cat "$out/files.md"
    echo
    echo "## Runs (median of runs per tool and file)"
    echo
    echo "| tool | file | frames | runs | wall s | frames/s | peak RSS MB | status |"
    echo "|---|---|---:|---:|---:|---:|---:|---|"
    awk -F'|' '{k=$1"|"$2; if (!(k in seen)) {order[++n]=k; seen[k]=1} fr[k]=$3; w[k]=w[k]" "$4; r[k]=r[k]" "$5; st[k]=$6; cnt[k]++}
        function med(s,   a, n, i, j, t) { n=split(s, a, " "); for(i=1;i<=n;i++) for(j=i+1;j<=n;j++) if (a[j]+0<a[i]+0) {t=a[i];a[i]=a[j];a[j]=t}; return a[int((n+1)/2)] }
        END {for (i=1;i<=n;i++) {k=order[i]; split(k, p, "|"); mw=med(w[k]); mr=med(r[k]);
             printf "| %s | %s | %d | %d | %.2f | %s | %s | %s |\n", p[1], p[2], fr[k], cnt[k], mw,
                 (st[k]=="ok" && mw>0) ? sprintf("%.2f M", fr[k]/mw/1e6) : "-", (mr=="?") ? "?" : sprintf("%.0f", mr/1024), st[k]}}' "$results"
    echo
    echo "## Ratios (fastest run of each tool)"
    awk -F'|' '$6=="ok" {k=$1"|"$2; if (!(k in w) || $4+0 < w[k]+0) w[k]=$4} END {
        for (k in w) { split(k, p, "|"); if (p[1]=="drcheck" && ("tcpdump|" p[2]) in w) printf "- drcheck/tcpdump wall on %s: %.1fx (drcheck is %.1fx slower)\n", p[2], w[k]/w["tcpdump|" p[2]], w[k]/w["tcpdump|" p[2]];
                   if (p[1]=="tshark" && ("drcheck|" p[2]) in w) printf "- tshark/drcheck wall on %s: %.1fx\n", p[2], w[k]/w["drcheck|" p[2]] } }' "$results"
    echo "  (ratios use the fastest run of each tool)"
    echo
    echo "## Start-up on sample-pcaps/healthy.pcap"
    cat "$out/startup.md" 2>/dev/null
    if [ -f "$out/jmh.log" ]; then
        echo
        echo "## JMH (ops = frames)"
        echo '```'
        sed -n '/^Benchmark /,$p' "$out/jmh.log"
        echo '```'
    fi
    if [ -f "$out/hot-methods.txt" ]; then
        echo
        echo "## JFR: top methods by self samples (drcheck file on the main file)"
        echo '```'
        head -25 "$out/hot-methods.txt"
        echo '```'
        echo
        echo "## JFR: top allocation sites (sampled weight)"
        echo '```'
        head -15 "$out/alloc-sites.txt"
        echo '```'
    fi
    echo
    echo "## drcheck report lines on the flood file"
    echo '```'
    grep -hiE 'frames:|flows|untracked|evict|verdict' "$out"/drcheck.synflood-"$SYN_FLOOD".pcap.out 2>/dev/null | head -12 || true
    echo '```'
} >"$summary"
cat "$summary"
