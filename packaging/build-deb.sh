#!/usr/bin/env bash
# Builds the drcheck .deb: target/deb/drcheck_<version>-1_<arch>.deb at the repository root. See docs/packaging.md.
#
# 1. mvn -Pdeb package: the shaded jar, plus the man pages (AsciiDoc) and the bash completion written from the
#    picocli model (cli/target/packaging/).
# 2. jlink: a runtime with only the modules the jar needs (jdeps), with the JDK's base class-data-sharing archive.
# 3. jpackage --type deb --install-dir /usr/lib: the package skeleton (control file with the shared-library
#    dependencies it computes, copyright) with the runtime in /usr/lib/drcheck/lib/runtime and the jar in
#    /usr/lib/drcheck/lib/app.
# 4. The package is unpacked and completed, then packed again with dpkg-deb (jpackage cannot add files outside
#    its application directory): /usr/bin/drcheck (packaging/drcheck, a shell script), the man pages
#    (asciidoctor), the bash completion, the systemd unit, and the class-data-sharing set-up. jpackage's native
#    launcher is left out: at every start it runs `rpm -qf`, `dpkg -S` and `dpkg -L` to find its own files (about
#    0.1 s here, and no start at all without dpkg on the PATH). The CDS archive records the jar's absolute path
#    (JDK 17 rejects it anywhere else), so postinst makes it on the installed files (packaging/make-cds-archive)
#    and prerm removes it.
#
# Exit codes: 0 built; 127 a tool is missing (one line names it and its Debian package); 4 a step failed.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/target/deb"
log="$work/build.log"

fail() {
    echo "drcheck build-deb: $1" >&2
    exit "${2:-4}"
}

for tool in mvn:maven jdeps:openjdk-17-jdk-headless jlink:openjdk-17-jdk-headless \
    jpackage:openjdk-17-jdk-headless asciidoctor:asciidoctor fakeroot:fakeroot dpkg-deb:dpkg gzip:gzip; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || fail "${tool%%:*} not found: apt-get install ${tool#*:}" 127
done

rm -rf "$work"
mkdir -p "$work"
# Every step's output goes to the log, shown when a step fails.
step() {
    local what="$1"
    shift
    if ! "$@" >>"$log" 2>&1; then
        tail -n 40 "$log" >&2
        fail "$what failed (full output: $log)"
    fi
}

step "mvn -Pdeb package" mvn -B -q -f "$root/pom.xml" -Dstyle.color=never -Pdeb -DskipTests package
jar="$root/cli/target/drcheck.jar"
generated="$root/cli/target/packaging"

# The version of the jar (first line of --version); Debian sorts "~" before everything, so 0.1.0~SNAPSHOT comes
# before the release 0.1.0, as the Maven version does.
version="$(java -jar "$jar" --version | head -n 1)"
version="${version#drcheck }"
deb_version="${version//-/\~}"

# The runtime: the modules jdeps finds in the jar, less java.desktop (only JNA's AWT window helpers use it,
# and drcheck never calls them), plus jdk.unsupported (sun.misc.Signal, reached by reflection so jdeps cannot
# see it: Ctrl-C and SIGTERM in drcheck live).
modules="$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 "$jar" 2>>"$log")" \
    || fail "jdeps failed (full output: $log)"
modules="$(tr ',' '\n' <<<"$modules" | grep -vx java.desktop | sort -u | paste -sd, -),jdk.unsupported"
echo "modules: $modules" >>"$log"
step "jlink" jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
    --generate-cds-archive --output "$work/runtime"

mkdir -p "$work/app"
cp "$jar" "$work/app/drcheck.jar"

step "jpackage" jpackage --type deb --dest "$work/jpackage" --temp "$work/jpackage-tmp" \
    --name drcheck --app-version "$deb_version" --linux-app-release 1 \
    --description "Checks packet captures of LVS direct-routing clusters and names the misconfigurations" \
    --vendor drcheck --linux-deb-maintainer drcheck@localhost --linux-app-category net \
    --linux-package-deps libpcap0.8 --install-dir /usr/lib \
    --input "$work/app" --main-jar drcheck.jar --runtime-image "$work/runtime"

tree="$work/tree"
step "unpacking jpackage's .deb" dpkg-deb -R "$work/jpackage/drcheck_${deb_version}-1_$(dpkg --print-architecture).deb" \
    "$tree"
rm -r "$tree/usr/lib/drcheck/bin" "$tree/usr/lib/drcheck/lib/libapplauncher.so" \
    "$tree/usr/lib/drcheck/lib/app/drcheck.cfg" "$tree/usr/lib/drcheck/lib/drcheck.png"
install -D -m 755 "$root/packaging/drcheck" "$tree/usr/bin/drcheck"
mkdir -p "$tree/usr/share/man/man1" "$tree/usr/share/bash-completion/completions" "$tree/usr/lib/systemd/system" \
    "$tree/usr/share/zsh/vendor-completions"
step "asciidoctor" asciidoctor -b manpage -D "$work/man" "$generated"/man/*.adoc
for page in "$work"/man/*.1; do
    gzip -9n <"$page" >"$tree/usr/share/man/man1/$(basename "$page").gz"
done
install -m 644 "$generated/completion/drcheck" "$tree/usr/share/bash-completion/completions/drcheck"
install -m 644 "$root/packaging/_drcheck" "$tree/usr/share/zsh/vendor-completions/_drcheck"
install -m 755 "$root/packaging/make-cds-archive" "$tree/usr/lib/drcheck/lib/make-cds-archive"
install -m 644 "$root/sample-pcaps/healthy.pcap" "$tree/usr/lib/drcheck/lib/cds-training.pcap"
install -m 755 "$root/packaging/debian/postinst" "$root/packaging/debian/prerm" "$tree/DEBIAN/"
install -m 644 "$root/packaging/drcheck-live@.service" "$tree/usr/lib/systemd/system/drcheck-live@.service"

# The control file's Installed-Size (KiB) and the md5sums describe the final tree.
size="$(du -sk --exclude=DEBIAN "$tree" | cut -f1)"
sed -i "s/^Installed-Size:.*/Installed-Size: $size/" "$tree/DEBIAN/control"
(cd "$tree" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
    >"$tree/DEBIAN/md5sums"
deb="$work/drcheck_${deb_version}-1_$(dpkg --print-architecture).deb"
step "dpkg-deb --build" dpkg-deb --root-owner-group -Zxz --build "$tree" "$deb"
echo "$deb"
