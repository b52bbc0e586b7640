#!/usr/bin/env bash
# CI test of the .deb (docs/packaging.md): builds it with packaging/build-deb.sh (or takes the .deb given), unpacks it into an empty
# directory (dpkg-deb -x: no system files touched, no root needed), and checks the unpacked package on its own:
# the bundled trimmed runtime runs it with no JDK reachable, the class-data-sharing archive its postinst makes is
# used, its report on a sample equals the jar's, `man -l` renders the pages with the options, bash completes
# check ids, and the package declares libpcap0.8 and stays under 60 MB. Any failure or missing tool exits 1.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample="$root/sample-pcaps/arp-ignore-rs1.pcap"
failures=0

check() {
    local what="$1"
    shift
    if "$@"; then
        echo "ok: $what"
    else
        echo "FAILED: $what" >&2
        failures=$((failures + 1))
    fi
}

for tool in man bash dpkg-deb; do
    command -v "$tool" >/dev/null || { echo "drcheck test-deb: $tool not found" >&2; exit 1; }
done

if [ $# -ge 1 ]; then
    deb="$1"
else
    deb="$(bash "$root/packaging/build-deb.sh" | tail -n 1)" || { echo "drcheck test-deb: build-deb.sh failed" >&2; exit 1; }
fi
dest="$(mktemp -d "${TMPDIR:-/tmp}/drcheck-deb.XXXXXX")"
trap 'rm -rf "$dest"' EXIT
dpkg-deb -x "$deb" "$dest"
lib="$dest/usr/lib/drcheck/lib"
# Only what the package brought: no PATH (so no java, mvn or dpkg), no JAVA_HOME.
drcheck() {
    env -i PATH=/nonexistent "$dest/usr/bin/drcheck" "$@"
}

size=$(stat -c %s "$deb")
echo "package: $(basename "$deb"), $((size / 1024 / 1024)) MB"
check "the .deb is under 60 MB" test "$size" -lt $((60 * 1024 * 1024))
check "it depends on libpcap0.8" bash -c "dpkg-deb -f '$deb' Depends | grep -qw libpcap0.8"
check "/usr/bin/drcheck is the launcher script" cmp "$dest/usr/bin/drcheck" "$root/packaging/drcheck"
check "the runtime is bundled" test -x "$lib/runtime/bin/java" -a -f "$lib/runtime/lib/modules"
modules="$("$lib/runtime/bin/java" --list-modules | sed 's/@.*//' | sort | paste -sd' ')"
echo "bundled modules: $modules"
check "the runtime is trimmed (jdk.unsupported, no java.desktop)" \
    bash -c "[[ ' $modules ' == *' jdk.unsupported '* && ' $modules ' != *' java.desktop '* ]]"
check "drcheck --version runs on the bundled runtime" bash -c \
    "env -i PATH=/nonexistent '$dest/usr/bin/drcheck' --version | grep -q ' at $lib/runtime\$'"

check "postinst's make-cds-archive makes the archive" "$lib/make-cds-archive"
loaded="$(mktemp "$dest/classes.XXXXXX")"
env -i PATH=/nonexistent JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$loaded" "$dest/usr/bin/drcheck" \
    file "$sample" >/dev/null 2>&1 || true
check "drcheck maps the archive (classes loaded from its top layer)" grep -q 'shared objects file (top)' "$loaded"

set +e
drcheck file "$sample" >"$dest/deb-report.txt" 2>&1
deb_code=$?
java -jar "$root/cli/target/drcheck.jar" file "$sample" >"$dest/jar-report.txt" 2>&1
jar_code=$?
set -e
check "the installed drcheck's report equals the jar's" cmp "$dest/deb-report.txt" "$dest/jar-report.txt"
check "and so does its exit code ($deb_code, the jar's $jar_code)" test "$deb_code" -eq "$jar_code" -a "$deb_code" -eq 1
check "live --list works (libpcap through JNA on the trimmed runtime)" bash -c \
    "env -i PATH=/nonexistent '$dest/usr/bin/drcheck' live --list | grep -qw lo"

for page in drcheck drcheck-file drcheck-live drcheck-explain drcheck-checks; do
    check "man -l $page.1.gz renders its NAME section" bash -c \
        "man -l '$dest/usr/share/man/man1/$page.1.gz' 2>/dev/null | grep -q '^NAME'"
done
check "man drcheck shows the options" bash -c \
    "MANWIDTH=100 man -l '$dest/usr/share/man/man1/drcheck.1.gz' 2>/dev/null | grep -q -- '--version'"
check "man drcheck-file shows --fail-on" bash -c \
    "MANWIDTH=100 man -l '$dest/usr/share/man/man1/drcheck-file.1.gz' 2>/dev/null | grep -q -- '--fail-on'"
check "bash completes 'drcheck explain Rs' to the check ids" bash -c "
    source '$dest/usr/share/bash-completion/completions/drcheck' 2>/dev/null
    COMP_WORDS=(drcheck explain Rs); COMP_CWORD=2; COMP_LINE='drcheck explain Rs'; COMP_POINT=\${#COMP_LINE}
    _drcheck_with_interfaces drcheck Rs explain 2>/dev/null
    [[ \" \${COMPREPLY[*]} \" == *' RsAnswersArpForVip '* ]]"
check "zsh completion is shipped, on the bash completion" bash -c \
    "grep -q '^source /usr/share/bash-completion/completions/drcheck' '$dest/usr/share/zsh/vendor-completions/_drcheck'"
check "the systemd unit is shipped (and not enabled: no symlink)" bash -c \
    "test -f '$dest/usr/lib/systemd/system/drcheck-live@.service' && ! find '$dest' -path '*wants*' | grep -q ."

if [ "$failures" -ne 0 ]; then
    echo "drcheck test-deb: $failures check(s) failed" >&2
    exit 1
fi
echo "drcheck test-deb: all checks passed"
