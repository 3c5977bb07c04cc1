#!/usr/bin/env bash
# Proves the container image for real, without a Docker engine (called by .ci/run after ./mvnw verify):
#   1. lints the Dockerfile (dockerfile-utils) and every shell script of the repository (shellcheck);
#   2. makes a local base image, since public images cannot be pulled here: a Debian rootfs from
#      `debootstrap --variant=minbase` plus a JRE made by jlink from the newest local JDK (Temurin 25),
#      `podman import`ed;
#   3. builds the Dockerfile on it with podman (chroot isolation, never pulling);
#   4. runs the image read-only (only /tmp writable), as the image's numeric user, with no capabilities,
#      on host networking and loopback only; sends HELLO and SQUARE over TCP, reads the probes over HTTP,
#      runs the Helm chart's `helm test` script against it (with busybox, as the test pod does), checks
#      JSON logs, that the root filesystem is read-only, the square pool's threads' nice value, the AOT
#      cache / CDS archive, start-up time with and without it, and a graceful stop; always removes its
#      containers.
#
# Needs root (it installs podman, buildah, runc, debootstrap, shellcheck with apt-get when missing).
# Environment (all optional):
#   SOCKETCORE_JDK        JDK to jlink the runtime from (default: newest JDK with jlink under /usr/lib/jvm)
#   SOCKETCORE_CI_CACHE   cache of the Debian rootfs and the JRE (default: ~/.cache/socketcore-ci)
#   DEBIAN_MIRROR         mirror for debootstrap (default: the first one apt uses on this machine)
#   DEBIAN_SUITE          Debian release of the base (default: bookworm)
set -Eeuo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
# shellcheck source=ci/podman-sandbox.sh
source ci/podman-sandbox.sh

readonly image=socketcore-ci:latest
readonly suite=${DEBIAN_SUITE:-bookworm}
readonly cache=${SOCKETCORE_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/socketcore-ci}
# Modules of the jlinked runtime: Java SE plus what Spring, Tomcat and Micrometer use from the JDK.
readonly jre_modules=java.se,jdk.unsupported,jdk.management,jdk.jfr,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.naming.dns,jdk.zipfs,jdk.net

started_at=$SECONDS
containers=()
work=$(mktemp -d "${TMPDIR:-/tmp}/socketcore-container-test.XXXXXX")

log() { printf '[container-test +%3ds] %s\n' "$((SECONDS - started_at))" "$*" >&2; }

fail() {
	printf '\n[container-test] FAILED: %s\n\n' "$*" >&2
	exit 1
}

cleanup() {
	local status=$?
	local name
	for name in "${containers[@]}"; do
		if ((status != 0)); then
			printf '\n[container-test] last log lines of container %s:\n' "$name" >&2
			podman logs --tail 30 "$name" >&2 2>&1 || true
		fi
		podman rm -f -t 0 "$name" >/dev/null 2>&1 || true
	done
	podman image prune -f >/dev/null 2>&1 || true # the build's intermediate layers
	rm -rf "$work"
	if ((status == 0)); then
		log "PASSED in $((SECONDS - started_at)) s"
	else
		printf '[container-test] FAILED (exit %d) after %d s\n' "$status" "$((SECONDS - started_at))" >&2
	fi
}
trap cleanup EXIT
trap 'fail "command failed (line $LINENO): $BASH_COMMAND"' ERR

# ---------------------------------------------------------------------------------------------------------
# Tools

[[ $(id -u) -eq 0 ]] || fail "must run as root (podman with runc, debootstrap and apt-get need it)"

install_missing_tools() {
	local -a packages=()
	local pair
	for pair in podman:podman buildah:buildah runc:runc debootstrap:debootstrap shellcheck:shellcheck \
		curl:curl npx:npm busybox:busybox; do
		command -v "${pair%%:*}" >/dev/null 2>&1 || packages+=("${pair#*:}")
	done
	if ((${#packages[@]})); then
		log "installing with apt-get: ${packages[*]}"
		apt-get update -qq || fail "apt-get update failed"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >"$work/apt.log" 2>&1 \
			|| { tail -20 "$work/apt.log" >&2; fail "apt-get install ${packages[*]} failed"; }
	fi
}
install_missing_tools

use_sandbox_podman "$work"

# ---------------------------------------------------------------------------------------------------------
# Lint

lint() {
	log "lint: shellcheck on every shell script of the repository (mvnw excluded: generated)"
	local -a scripts=()
	local file
	while IFS= read -r -d '' file; do
		[[ -f $file && $file != mvnw ]] || continue
		if [[ $file == *.sh || $file == *.bash ]] || head -n 1 "$file" | grep -Eq '^#!.*[/ ](ba|da|k)?sh([[:space:]]|$)'; then
			scripts+=("$file")
		fi
	done < <(git ls-files -z --cached --others --exclude-standard)
	((${#scripts[@]})) || fail "lint: found no shell script at all (git ls-files failed?)"
	shellcheck --external-sources "${scripts[@]}" || fail "shellcheck found problems in: ${scripts[*]}"
	log "lint: shellcheck clean: ${scripts[*]}"

	log "lint: dockerfile-utils lint Dockerfile"
	local output
	output=$(npm_config_ignore_scripts=true npx --yes dockerfile-utils lint Dockerfile 2>&1) \
		|| { printf '%s\n' "$output" >&2; fail "dockerfile-utils reported errors in the Dockerfile"; }
	# Warnings do not change the exit code: any diagnostic fails the check.
	[[ -z $output ]] || { printf '%s\n' "$output" >&2; fail "dockerfile-utils reported diagnostics for the Dockerfile"; }
	log "lint: Dockerfile clean"
}
lint

# ---------------------------------------------------------------------------------------------------------
# The jar

shopt -s nullglob
jars=(target/socketcore-*.jar)
shopt -u nullglob
((${#jars[@]} == 1)) || fail "expected exactly one target/socketcore-*.jar, found ${#jars[@]}: run ./mvnw -B verify first"
log "jar: ${jars[0]} ($(du -h "${jars[0]}" | cut -f1))"

# ---------------------------------------------------------------------------------------------------------
# A JDK to jlink the runtime from: SOCKETCORE_JDK, else the newest one under /usr/lib/jvm that has jlink.

java_feature() { # the feature version (17, 21, 25...) of a JDK home, from its release file
	sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

find_jdk() {
	if [[ -n ${SOCKETCORE_JDK:-} ]]; then
		[[ -x $SOCKETCORE_JDK/bin/jlink ]] || fail "SOCKETCORE_JDK=$SOCKETCORE_JDK has no bin/jlink"
		printf '%s\n' "$SOCKETCORE_JDK"
		return
	fi
	local best="" best_feature=0 home feature
	for home in /usr/lib/jvm/*/; do
		home=${home%/}
		[[ -L $home || ! -x $home/bin/jlink ]] && continue
		feature=$(java_feature "$home")
		[[ $feature =~ ^[0-9]+$ ]] || continue
		# Before Java 24 jlink needs the jmods folder (Debian ships it separately, in openjdk-N-jmods).
		((feature >= 24)) || [[ -d $home/jmods ]] || continue
		if ((feature > best_feature)); then
			best=$home
			best_feature=$feature
		fi
	done
	printf '%s\n' "$best"
}

jdk=$(find_jdk)
if [[ -z $jdk ]]; then
	log "no JDK with jlink under /usr/lib/jvm: installing Debian's OpenJDK 17 (the image then runs on Java 17)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless openjdk-17-jmods >"$work/apt.log" 2>&1 \
		|| { tail -20 "$work/apt.log" >&2; fail "could not install a JDK with jlink"; }
	jdk=$(find_jdk)
	[[ -n $jdk ]] || fail "still no JDK with jlink under /usr/lib/jvm"
fi
jdk_feature=$(java_feature "$jdk")
jdk_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$jdk/release")
if ((jdk_feature < 25)); then
	log "WARNING: newest JDK found is $jdk_version ($jdk): the image is tested on Java $jdk_feature, not on the Java 25 of the default BASE_IMAGE"
fi
log "jdk: $jdk ($jdk_version)"

# ---------------------------------------------------------------------------------------------------------
# The local base image: Debian minbase rootfs (cached) + jlinked JRE (cached) at /opt/java/openjdk.

mkdir -p "$cache"

debian_mirror() {
	if [[ -n ${DEBIAN_MIRROR:-} ]]; then
		printf '%s\n' "$DEBIAN_MIRROR"
		return
	fi
	local mirror=""
	if compgen -G '/etc/apt/sources.list.d/*.sources' >/dev/null; then
		# deb822 stanzas: the URIs of the first stanza whose suites include the plain release.
		mirror=$(awk -v suite="$suite" '
			/^URIs:/ { uris = $2 }
			/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) found = 1 }
			/^[[:space:]]*$/ { if (found && uris != "") { print uris; exit } uris = ""; found = 0 }
			END { if (found && uris != "") print uris }' /etc/apt/sources.list.d/*.sources | head -n 1)
	fi
	if [[ -z $mirror && -f /etc/apt/sources.list ]]; then
		mirror=$(awk '$1 == "deb" && $2 !~ /^\[/ && $2 ~ /debian\/?$/ { print $2; exit }' /etc/apt/sources.list)
	fi
	[[ -n $mirror ]] || fail "cannot tell apt's Debian mirror; set DEBIAN_MIRROR"
	printf '%s\n' "$mirror"
}

rootfs_tar=$cache/debian-$suite-minbase.tar
if [[ ! -s $rootfs_tar ]]; then
	mirror=$(debian_mirror)
	log "base: debootstrap --variant=minbase $suite from $mirror (cached afterwards in $cache)"
	rootfs=$work/rootfs
	debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
		|| { tail -30 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
	# What a container never needs: package caches and lists, documentation, man pages, locales.
	rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
		"$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*.log
	tar --numeric-owner -C "$rootfs" -cf "$rootfs_tar.partial" .
	mv "$rootfs_tar.partial" "$rootfs_tar"
	rm -rf "$rootfs"
else
	log "base: reusing cached rootfs $rootfs_tar"
fi

# Modules the JDK does not have (jdk.crypto.ec may go away) are left out rather than failing jlink.
available_modules=$("$jdk/bin/java" --list-modules | sed 's/@.*//')
modules=""
IFS=, read -r -a wanted_modules <<<"$jre_modules"
for module in "${wanted_modules[@]}"; do
	grep -qx "$module" <<<"$available_modules" && modules+="${modules:+,}$module"
done

jre_key=$(printf '%s|%s|%s' "$jdk_version" "$jdk" "$modules" | sha256sum | cut -c1-12)
jre=$cache/jre-$jre_key
if [[ ! -x $jre/opt/java/openjdk/bin/java ]]; then
	log "base: jlink a runtime from $jdk_version: $modules"
	rm -rf "$jre" "$jre.partial"
	jlink_options=(--add-modules "$modules" --strip-debug --no-man-pages --no-header-files)
	jlink_plugins=$("$jdk/bin/jlink" --list-plugins)
	[[ $jlink_plugins == *--generate-cds-archive* ]] && jlink_options+=(--generate-cds-archive)
	mkdir -p "$jre.partial/opt/java"
	"$jdk/bin/jlink" "${jlink_options[@]}" --output "$jre.partial/opt/java/openjdk" >"$work/jlink.log" 2>&1 \
		|| { cat "$work/jlink.log" >&2; fail "jlink failed"; }
	mv "$jre.partial" "$jre"
else
	log "base: reusing cached runtime $jre"
fi
"$jre/opt/java/openjdk/bin/java" -version >/dev/null 2>&1 || fail "the jlinked runtime does not start"

base_key=$(printf '%s|%s|%s' "$(stat -c '%s %Y' "$rootfs_tar")" "$jre_key" "$suite" | sha256sum | cut -c1-12)
base_image=socketcore-ci-base:$base_key
# Base images of earlier keys (another JDK, a refreshed rootfs) are dropped.
while IFS= read -r old_base; do
	[[ -n $old_base && $old_base != "localhost/$base_image" && $old_base != "$base_image" ]] || continue
	log "base: removing outdated $old_base"
	podman rmi "$old_base" >/dev/null 2>&1 || log "base: $old_base is still in use, kept"
done < <(podman images --format '{{.Repository}}:{{.Tag}}' --filter reference=socketcore-ci-base)
if podman image exists "$base_image"; then
	log "base: image $base_image exists"
else
	log "base: podman import as $base_image"
	cp "$rootfs_tar" "$work/base.tar"
	tar --numeric-owner --owner=0 --group=0 -C "$jre" -rf "$work/base.tar" ./opt/java
	podman import --quiet \
		--change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'ENV JAVA_HOME=/opt/java/openjdk' \
		--change 'ENV LANG=C.UTF-8' \
		--change "LABEL io.socketcore.ci.java=$jdk_version" \
		"$work/base.tar" "$base_image" >/dev/null || fail "podman import of the base image failed"
	rm -f "$work/base.tar"
fi
log "base: $base_image, $(podman image inspect --format '{{.Size}}' "$base_image" | awk '{ printf "%.0f MB", $1 / 1e6 }')"

# ---------------------------------------------------------------------------------------------------------
# Build

previous_image=$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
log "build: unshare --net podman build --isolation=chroot --pull=never --build-arg BASE_IMAGE=$base_image"
build_started=$SECONDS
# No network for the build (a network namespace of its own: the AOT training run must not need one). Built
# with layers, as any registry would store it, to check below that each file is stored once; the
# intermediate images are removed at the end.
version=$(sed -n 's:^    <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
source_url=$(git remote get-url origin 2>/dev/null || echo unknown)
timeout 900 unshare --net podman build --isolation=chroot --pull=never --layers=true --force-rm \
	--build-arg "BASE_IMAGE=$base_image" --build-arg "VERSION=$version" --build-arg "REVISION=$revision" \
	--build-arg "SOURCE=$source_url" -t "$image" -f Dockerfile . >"$work/build.log" 2>&1 \
	|| { tail -40 "$work/build.log" >&2; fail "podman build failed"; }
build_seconds=$((SECONDS - build_started))
image_id=$(podman image inspect --format '{{.Id}}' "$image")
if [[ -n $previous_image && $previous_image != "$image_id" ]]; then
	podman rmi "$previous_image" >/dev/null 2>&1 || true
fi
image_mb=$(podman image inspect --format '{{.Size}}' "$image" | awk '{ printf "%.0f", $1 / 1e6 }')
log "build: $image in ${build_seconds} s, ${image_mb} MB (base included)"

# Each application file is stored once: the layers above the base hold the extracted jar and the AOT cache
# or CDS archive, and nothing more (a chmod -R after the COPY layers once stored every jar twice).
label() { podman image inspect --format "{{index .Config.Labels \"$1\"}}" "$image"; }
[[ $(label org.opencontainers.image.version) == "$version" ]] || fail "label version is '$(label org.opencontainers.image.version)', not $version"
[[ $(label org.opencontainers.image.revision) == "$revision" ]] || fail "label revision is '$(label org.opencontainers.image.revision)', not $revision"
[[ -n $(label org.opencontainers.image.source) ]] || fail "no org.opencontainers.image.source label"
extracted="$work/extracted"
java -Djarmode=tools -jar "${jars[0]}" extract --layers --destination "$extracted" >/dev/null \
	|| fail "could not extract the jar to compare it with the image's layers"
extracted_bytes=$(du -sb "$extracted" | cut -f1)
base_history=$(podman history --quiet "$base_image" | wc -l)
# Layer sizes in bytes (podman's table format only has them rounded): the rows above the base's own.
read -r application_bytes archive_bytes < <(podman history --format json "$image" | python3 -c '
import json, sys
rows = json.load(sys.stdin)[:-int(sys.argv[1])]
archive = sum(r["size"] for r in rows if "AOTCacheOutput" in r["CreatedBy"] or "ArchiveClassesAtExit" in r["CreatedBy"])
print(sum(r["size"] for r in rows) - archive, archive)' "$base_history")
archive_file_bytes=$(podman run --rm --network none --entrypoint /bin/sh "$image" -c 'cat /application/app.* 2>/dev/null | wc -c')
log "layers: application ${application_bytes} B (the extracted jar is ${extracted_bytes} B), archive ${archive_bytes} B (its file ${archive_file_bytes} B)"
total_bytes=$((application_bytes + archive_bytes))
((total_bytes <= (extracted_bytes + archive_file_bytes) * 105 / 100)) \
	|| fail "the layers above the base hold ${total_bytes} B, more than the extracted jar and the archive (${extracted_bytes} + ${archive_file_bytes} B): files stored twice?"
((application_bytes >= extracted_bytes * 95 / 100)) \
	|| fail "the application's layers hold ${application_bytes} B, less than the extracted jar's ${extracted_bytes} B"

# What the image declares.
user=$(podman image inspect --format '{{.Config.User}}' "$image")
uid=${user%%:*}
[[ $uid =~ ^[0-9]+$ ]] || fail "the image's USER must be numeric (Kubernetes runAsNonRoot checks it), is '$user'"
((uid != 0)) || fail "the image runs as root (USER $user)"
exposed=$(podman image inspect --format '{{range $p, $v := .Config.ExposedPorts}}{{$p}} {{end}}' "$image")
[[ $exposed == *12345/tcp* && $exposed == *8080/tcp* ]] || fail "the image must EXPOSE 12345 and 8080, exposes: $exposed"
entrypoint=$(podman image inspect --format '{{json .Config.Entrypoint}}' "$image")
[[ $entrypoint == '["java",'* ]] || fail "ENTRYPOINT must be exec form starting java, is $entrypoint"
log "image: USER $user, EXPOSE $exposed, ENTRYPOINT $entrypoint"

# ---------------------------------------------------------------------------------------------------------
# Run

# Not 12345/8080: a developer's own socketcore may be running.
tcp_port=$(pick_port 31245 32245 33245 34245)
management_port=$(pick_port 31280 32280 33280 34280)

# run NAME [podman run options...]: starts the image read-only, as its user, on loopback ports.
run() {
	local name=$1
	shift
	containers+=("$name")
	podman run -d --name "$name" \
		--network host \
		--read-only --read-only-tmpfs=false --tmpfs /tmp:rw,mode=1777,size=256m \
		--user "$user" \
		--cap-drop ALL --security-opt no-new-privileges \
		"$@" \
		"$image" --socketcore.tcp.port="$tcp_port" --management.server.port="$management_port" >/dev/null \
		|| fail "podman run $name failed"
}

# await_ready NAME: polls the readiness probe until it answers 200, the container dies, or 120 s pass;
# sets ready_seconds to the wall-clock time from the call to readiness.
await_ready() {
	local name=$1 deadline=$((SECONDS + 120)) since
	since=$(date +%s%N)
	while ! curl -fsS -o /dev/null "http://127.0.0.1:$management_port/actuator/health/readiness" 2>/dev/null; do
		[[ $(podman inspect --format '{{.State.Running}}' "$name") == true ]] \
			|| fail "container $name exited (code $(podman inspect --format '{{.State.ExitCode}}' "$name")) before it was ready"
		((SECONDS < deadline)) || fail "container $name not ready after 120 s"
		sleep 0.2
	done
	ready_seconds=$(awk -v ns="$(($(date +%s%N) - since))" 'BEGIN { printf "%.1f", ns / 1e9 }')
}

# startup_seconds NAME: Spring Boot's own measure, from "Started SocketcoreApplication in X seconds".
startup_seconds() {
	local logs
	logs=$(podman logs "$1" 2>&1)
	grep -o 'Started SocketcoreApplication in [0-9.]* seconds' <<<"$logs" | awk 'NR == 1 { print $4 }'
}

# stop NAME: SIGTERM, then graceful shutdown; fails if podman had to kill it.
stop() {
	local name=$1 stop_started=$SECONDS code
	podman stop -t 60 "$name" >/dev/null
	code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
	[[ $code == 0 ]] || fail "container $name ended with exit code $code on SIGTERM (137 = killed after the grace period)"
	log "run: $name stopped on SIGTERM in $((SECONDS - stop_started)) s, exit code $code"
}

log "run: read-only root, tmpfs /tmp, user $user, no capabilities, host network: TCP $tcp_port, HTTP $management_port"
run socketcore-ci-main -e LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs
await_ready socketcore-ci-main
ready_default=$ready_seconds
log "run: ready ${ready_default} s after podman run"

# The protocol over loopback TCP.
exec 3<>"/dev/tcp/127.0.0.1/$tcp_port" || fail "cannot connect to TCP port $tcp_port"
printf 'HELLO\nSQUARE 1 2 3\nQUIT\n' >&3
replies=()
for _ in 1 2 3; do
	IFS= read -r -t 15 line <&3 || fail "no reply from the service (got so far: ${replies[*]})"
	replies+=("${line%$'\r'}")
done
exec 3<&-
[[ ${replies[0]} == 'Hello, client!' ]] || fail "HELLO answered '${replies[0]}', expected 'Hello, client!'"
[[ ${replies[1]} == '[1, 4, 9]' ]] || fail "SQUARE 1 2 3 answered '${replies[1]}', expected '[1, 4, 9]'"
[[ ${replies[2]} == 'BYE' ]] || fail "QUIT answered '${replies[2]}', expected 'BYE'"
log "tcp: HELLO -> ${replies[0]}; SQUARE 1 2 3 -> ${replies[1]}; QUIT -> ${replies[2]}"

# The Helm chart's test pod runs this script with busybox: run it here the same way, against the image.
hook_template=helm/socketcore/templates/tests/test-connection.yaml
hook_script=$(awk '/^        - \|$/ { inside = 1; next } inside && /^      [a-z]/ { exit } inside { print substr($0, 11) }' "$hook_template")
[[ $hook_script == *HELLO* && $hook_script == *nc* ]] || fail "cannot find the test script in $hook_template"
busybox=$(command -v busybox)
mkdir -p "$work/busybox"
"$busybox" --install -s "$work/busybox"
hook_output=$(HOST=127.0.0.1 PORT=$tcp_port EXPECTED='Hello, client!' PATH="$work/busybox" \
	timeout 60 "$busybox" sh -c "$hook_script" 2>&1) || { printf '%s\n' "$hook_output" >&2; fail "the helm test script failed against the image"; }
log "helm test script (busybox sh + nc): $hook_output"
if HOST=127.0.0.1 PORT=$tcp_port EXPECTED='Hello, somebody else!' PATH="$work/busybox" \
	timeout 60 "$busybox" sh -c "$hook_script" >/dev/null 2>&1; then
	fail "the helm test script passes even when it expects another greeting"
fi

# The probes and metrics over HTTP, as Kubernetes and Prometheus read them.
readiness=$(curl -fsS "http://127.0.0.1:$management_port/actuator/health/readiness") || fail "readiness probe failed"
[[ $readiness == *'"status":"UP"'* && $readiness == *'"tcp"'* ]] || fail "readiness is not UP with a tcp component: $readiness"
log "http: readiness $readiness"
curl -fsS -o /dev/null "http://127.0.0.1:$management_port/actuator/health/liveness" || fail "liveness probe failed"
metrics=$(curl -fsS "http://127.0.0.1:$management_port/actuator/prometheus") || fail "GET /actuator/prometheus failed"
grep -q '^executor_active_threads{' <<<"$metrics" || fail "/actuator/prometheus has no executor_active_threads series"
log "http: liveness 200, /actuator/prometheus has executor metrics"

# JSON logs (ECS) when switched on, as the Helm chart does.
main_logs=$(podman logs socketcore-ci-main 2>&1)
grep -q '^{.*"message":"Started SocketcoreApplication' <<<"$main_logs" || fail "no ECS JSON log line for the start-up"
log "logs: ECS JSON lines"

# Who runs it, and that nothing but /tmp is writable.
running_uid=$(podman exec socketcore-ci-main id -u) || fail "podman exec id -u failed"
[[ $running_uid == "$uid" ]] || fail "the process runs as uid $running_uid, expected $uid"
if podman exec socketcore-ci-main touch /application/probe 2>/dev/null; then
	fail "the root filesystem is writable"
fi
podman exec socketcore-ci-main touch /tmp/probe || fail "/tmp is not writable"
log "security: uid $running_uid, root filesystem read-only, /tmp writable"

# The square pool's threads are nicer than the connections' (the entrypoint's -XX:ThreadPriorityPolicy=1), as
# the image's user and without capabilities. A job of more than one chunk (16,384 numbers) starts them.
exec 3<>"/dev/tcp/127.0.0.1/$tcp_port" || fail "cannot connect to TCP port $tcp_port"
printf 'SQUARE %s\n' "$(seq -s ' ' 0 19999)" >&3
IFS= read -r -t 30 line <&3 || fail "no reply to a SQUARE of 20,000 numbers"
exec 3<&-
[[ $line == '[0, 1, 4, 9, '*', 399960001]'* ]] || fail "SQUARE 0..19999 answered '${line:0:80}...'"
# Each thread's name and its /proc stat after the name: there, field 19 (nice) is the 17th.
threads=$(podman exec socketcore-ci-main sh -c \
	'for t in /proc/1/task/*; do read -r name <"$t/comm"; read -r stat <"$t/stat"; echo "$name ${stat##*) }"; done') \
	|| fail "podman exec could not list the threads"
square_nices=$(awk '$1 ~ /^square-/ { print $18 }' <<<"$threads" | sort -u | paste -sd ' ')
carrier_nices=$(awk '$1 ~ /^ForkJoinPool/ { print $18 }' <<<"$threads" | sort -u | paste -sd ' ')
[[ $square_nices == 4 ]] || fail "the square pool's threads have nice '$square_nices', expected 4"
[[ $carrier_nices == 0 ]] || fail "the connections' carrier threads have nice '$carrier_nices', expected 0"
log "priorities: square pool threads nice $square_nices, connection carrier threads nice $carrier_nices"

startup_default=$(startup_seconds socketcore-ci-main)
stop socketcore-ci-main

# ---------------------------------------------------------------------------------------------------------
# Start-up acceleration: the JVM must be able to use the archive (it refuses to start otherwise when
# asked to insist), and start-up without it is measured for comparison.

jvm_args=$(podman run --rm --network none --read-only --user "$user" --entrypoint cat "$image" /application/jvm.args) \
	|| fail "cannot read /application/jvm.args from the image"
case $jvm_args in
	*AOTCache=*) archive="AOT cache" insist=-XX:AOTMode=on without=-XX:AOTMode=off ;;
	*SharedArchiveFile=*) archive="CDS archive" insist=-Xshare:on without=-Xshare:off ;;
	*) fail "the image has no start-up archive (jvm.args: '$jvm_args')" ;;
esac
log "archive: $archive ($jvm_args); checking it is used"

run socketcore-ci-archive -e "JDK_JAVA_OPTIONS=$insist"
await_ready socketcore-ci-archive
ready_archive=$ready_seconds
startup_archive=$(startup_seconds socketcore-ci-archive)
stop socketcore-ci-archive

run socketcore-ci-no-archive -e "JDK_JAVA_OPTIONS=$without"
await_ready socketcore-ci-no-archive
ready_without=$ready_seconds
startup_without=$(startup_seconds socketcore-ci-no-archive)
stop socketcore-ci-no-archive

log "summary: Java $jdk_version, image ${image_mb} MB, built in ${build_seconds} s"
log "summary: start-up, Spring's 'Started ... in' / ready after podman run: as shipped ${startup_default:-?} s / ${ready_default} s; with $insist ${startup_archive:-?} s / ${ready_archive} s; with $without ${startup_without:-?} s / ${ready_without} s"
