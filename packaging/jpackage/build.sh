#!/usr/bin/env bash
# Builds Endpoint Studio's application image, and with --type the native installer of this OS:
#   packaging/jpackage/build.sh                 # app image in target/jpackage/endpoint-studio
#   packaging/jpackage/build.sh --type deb      # also a .deb (Linux); --type rpm needs rpmbuild (package rpm)
#   packaging/jpackage/build.sh --type dmg      # on macOS;  --type msi on Windows (WiX 3)
# It needs a JDK 17+ with jpackage; the project is built first with the wrapper.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
type=""
if [ "${1:-}" = "--type" ]; then type="$2"; fi
cd "$root"
[ -f target/endpoint-studio.jar ] && [ -d target/lib ] || ./mvnw -q -B -DskipTests package

version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
description=$(sed -n 's|^  <description>\(.*\)</description>|\1|p' pom.xml | head -1)
out=target/jpackage
rm -rf "$out"
mkdir -p "$out/input" "$out/javafx"
cp target/endpoint-studio.jar "$out/input/"
for jar in target/lib/*.jar; do
  case "$(basename "$jar")" in
    javafx-*-linux.jar|javafx-*-mac.jar|javafx-*-mac-aarch64.jar|javafx-*-win.jar|javafx-*-linux-aarch64.jar)
      cp "$jar" "$out/javafx/" ;;
    javafx-*) ;;  # the classifier-less placeholders
    *) cp "$jar" "$out/input/" ;;
  esac
done

# The JDK modules the jars use (jdeps), plus what reflection and TLS need that it can't see.
jdk_modules=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps --recursive \
  --module-path "$out/javafx" --class-path "$out/input/*" "$out/input/endpoint-studio.jar" \
  | tr ',' '\n' | grep -v '^javafx' | tr '\n' ',' | sed 's/,$//')
modules="$jdk_modules,jdk.crypto.ec,jdk.httpserver,javafx.controls,javafx.fxml,javafx.swing"
jlink --module-path "$out/javafx" --add-modules "$modules" --strip-debug --compress=2 --no-header-files \
  --no-man-pages --output "$out/runtime"
# The JDK's native libraries keep their symbol tables (libjvm.so alone 4 MiB of them); only crash
# reports read them, and the image has a size budget.
if [ "$(uname -s)" = Linux ] && command -v strip >/dev/null; then
  find "$out/runtime" -name '*.so' -exec strip --strip-unneeded {} +
fi

case "$(uname -s)" in
  Darwin) icon="$here/endpoint-studio.icns" ;;
  MINGW*|MSYS*|CYGWIN*) icon="$here/endpoint-studio.ico" ;;
  *) icon="$here/endpoint-studio.png" ;;
esac
java_options=(
  --java-options "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED"
  --java-options "--add-exports=javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED"
  --java-options "--add-exports=javafx.controls/com.sun.javafx.scene.control=ALL-UNNAMED"
  --java-options "--add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED"
  --java-options "-Xshare:auto"
  # Memory (README, Benchmarks): G1 on every machine (the JVM picks Serial on small ones); a heap of
  # at most 1 GiB instead of a quarter of the RAM, which let the heap of a long session grow to 2 GB
  # (the studio's largest holdings, a full console history of 32 MiB and a week of metrics, fit with
  # room to spare); and when idle a periodic GC every 30 s that hands unused heap back to the OS,
  # shrinking it to keep at most 15 % free after a collection (at 30 %, the heap after a scripted use
  # settled 24 MiB larger; G1 grows it again by its pause-time goals as soon as work needs it).
  --java-options "-XX:+UseG1GC"
  --java-options "-Xmx1g"
  --java-options "-XX:G1PeriodicGCInterval=30000"
  --java-options "-XX:MinHeapFreeRatio=5"
  --java-options "-XX:MaxHeapFreeRatio=15"
  # The idle GC is a full one: a concurrent cycle shrinks the heap only to what it still holds, dead
  # objects included (after a load test ~400 MiB used of 460 committed); a full GC compacts to the live
  # ~150 MiB. It runs only after 30 s without any GC, and takes ~0.1 s on two cores.
  --java-options "-XX:-G1PeriodicGCInvokesConcurrent"
)
# glibc keeps freed native memory (the compilers' arenas, GTK, fonts) in its arenas; hand it back to
# the OS every 30 s, as the heap is. The option came with 17.0.9: an older runtime would not start.
if "$out/runtime/bin/java" -XX:TrimNativeHeapInterval=30000 -version >/dev/null 2>&1; then
  java_options+=(--java-options "-XX:TrimNativeHeapInterval=30000")
fi
common=(--name endpoint-studio --app-version "$version" --vendor "Endpoint Studio"
  --description "$description" --icon "$icon" --runtime-image "$out/runtime"
  --input "$out/input" --main-jar endpoint-studio.jar --main-class com.endpointstudio.Launcher "${java_options[@]}")
jpackage --type app-image --dest "$out" "${common[@]}"

# Class-data sharing: a base archive for the runtime, then the classes the studio loads up to its
# first frame, recorded by one headless start. Archives are tied to the image's location, so this
# is for the app image where it was built; installers ship without it (the JVM then starts without).
app="$out/endpoint-studio"
if [ "${CDS:-1}" = 1 ] && [ "$(uname -s)" = Linux ] && command -v xvfb-run >/dev/null; then
  "$app/lib/runtime/bin/java" -Xshare:dump >/dev/null
  XDG_CONFIG_HOME="$out/cds-home/config" XDG_DATA_HOME="$out/cds-home/data" \
    JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$app/lib/app/endpoint-studio.jsa -Dendpointstudio.runtimePort=0" \
    xvfb-run -a "$app/bin/endpoint-studio" --smoke-test >/dev/null 2>&1 || true
  if [ -f "$app/lib/app/endpoint-studio.jsa" ]; then
    echo 'java-options=-XX:SharedArchiveFile=$APPDIR/endpoint-studio.jsa' >> "$app/lib/app/endpoint-studio.cfg"
  fi
fi
echo "app image: $app ($(du -sb "$app" | awk '{printf "%.1f", $1 / 1048576}') MiB)"

if [ -n "$type" ]; then
  # installers are built from the plain image (no location-bound archive)
  extra=()
  # JavaFX's GTK 3 natives live in the runtime, so jpackage can't see that dependency; each
  # family names the package its own way
  if [ "$type" = deb ]; then
    extra=(--linux-package-name endpoint-studio --linux-app-category development --linux-package-deps libgtk-3-0)
  elif [ "$type" = rpm ]; then
    extra=(--linux-package-name endpoint-studio --linux-app-category Development --linux-package-deps gtk3)
  fi
  jpackage --type "$type" --dest "$out/installers" "${common[@]}" "${extra[@]}"
  ls -l "$out/installers"
fi
