#!/usr/bin/env bash
# Start-up of the image, from `podman run` to the first reply over TCP, against the thinnest Spring
# Integration app (src/bench/java/io/socketcore/bench/thin) in an image built the same way: the same local
# base, the same extracted libraries, an AOT cache (or CDS archive) from the same kind of training run, the
# same `podman run` options. Each image is started --runs times, in turns; medians are printed.
#
# Run it after `bash ci/container-test.sh` (which leaves the image socketcore-ci:latest and its local base,
# since public base images cannot be pulled here) and `./mvnw verify` (the thinnest app's classes in
# target/test-classes). Needs root and podman, as that test does.
#   bash src/bench/startup-images.sh [runs]    (default 5)
set -Eeuo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
# shellcheck source=ci/podman-sandbox.sh
source ci/podman-sandbox.sh

readonly runs=${1:-5}
readonly image=socketcore-ci:latest
readonly thin_image=socketcore-bench-thinnest:latest
readonly user=10001:10001

work=$(mktemp -d "${TMPDIR:-/tmp}/socketcore-startup.XXXXXX")
containers=()
cleanup() {
	local name
	for name in "${containers[@]}"; do
		podman rm -f -t 0 "$name" >/dev/null 2>&1 || true
	done
	rm -rf "$work"
}
trap cleanup EXIT

fail() {
	printf 'startup-images: %s\n' "$*" >&2
	exit 1
}

use_sandbox_podman "$work"

podman image exists "$image" || fail "no $image: run bash ci/container-test.sh first"
base=$(podman images --format '{{.Repository}}:{{.Tag}}' --filter reference=socketcore-ci-base | head -n 1)
[[ -n $base ]] || fail "no socketcore-ci-base image: run bash ci/container-test.sh first"
shopt -s nullglob
jars=(target/socketcore-*.jar)
shopt -u nullglob
((${#jars[@]} == 1)) || fail "expected one target/socketcore-*.jar: run ./mvnw verify first"
[[ -f target/test-classes/io/socketcore/bench/thin/ThinnestIntegrationApp.class ]] \
	|| fail "no ThinnestIntegrationApp class in target/test-classes: run ./mvnw verify first"

# The thinnest app on socketcore's own libraries (the same classpath as the load benchmark gives it).
context=$work/context
mkdir -p "$context"
cp "${jars[0]}" "$context/application.jar"
# A jar, not a directory: an AOT cache (or CDS archive) takes only jars on the class path.
"${JAVA_HOME:+$JAVA_HOME/bin/}jar" --create --file "$context/thin.jar" -C target/test-classes io/socketcore/bench/thin
cat >"$context/Dockerfile" <<'EOF'
ARG BASE_IMAGE
FROM ${BASE_IMAGE} AS builder
WORKDIR /builder
COPY application.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted \
    && chmod -R a+rX,go-w extracted

FROM ${BASE_IMAGE}
WORKDIR /application
COPY --from=builder /builder/extracted/dependencies/ ./
COPY --from=builder /builder/extracted/snapshot-dependencies/ ./
COPY thin.jar ./thin.jar
# The same training as socketcore's Dockerfile: start the context, exit, keep what the JVM learned.
RUN set -eu; \
    main="-cp /application/thin.jar:/application/lib/* io.socketcore.bench.thin.ThinnestIntegrationApp 0 net 0"; \
    train="-XX:MaxRAMPercentage=75.0 -Dspring.context.exit=onRefresh"; \
    if java -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput '; then \
        java -XX:AOTCacheOutput=/application/app.aot $train $main; \
        echo "-XX:AOTCache=/application/app.aot" > jvm.args; \
    else \
        java -XX:ArchiveClassesAtExit=/application/app.jsa $train $main; \
        echo "-XX:SharedArchiveFile=/application/app.jsa" > jvm.args; \
    fi; \
    chmod a+r jvm.args app.*
USER 10001:10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "@/application/jvm.args", \
    "-cp", "/application/thin.jar:/application/lib/*", "io.socketcore.bench.thin.ThinnestIntegrationApp"]
EOF
printf 'building %s on %s\n' "$thin_image" "$base"
unshare --net podman build --isolation=chroot --pull=never --build-arg "BASE_IMAGE=$base" -t "$thin_image" \
	"$context" >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; fail "podman build failed"; }

tcp_port=$(pick_port 31345 32345 33345)
http_port=$(pick_port 31380 32380 33380)

# first_reply NAME IMAGE [ARGS...]: starts the image as the container test does, sends HELLO every 20 ms
# until a greeting comes back, and sets elapsed to the seconds since `podman run` began.
first_reply() {
	local name=$1 image_name=$2
	shift 2
	containers+=("$name")
	local started reply
	started=$(date +%s%N)
	podman run -d --name "$name" --network host --read-only --read-only-tmpfs=false \
		--tmpfs /tmp:rw,mode=1777,size=256m --user "$user" --cap-drop ALL --security-opt no-new-privileges \
		"$image_name" "$@" >/dev/null || fail "podman run $name failed"
	while true; do
		reply=$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$tcp_port && printf 'HELLO\n' >&3 && head -c 14 <&3" \
			2>/dev/null || true)
		[[ $reply == 'Hello, client!' ]] && break
		[[ $(podman inspect --format '{{.State.Running}}' "$name") == true ]] || fail "$name exited at start-up"
		(($(date +%s%N) - started < 120000000000)) || fail "$name gave no greeting within 120 s"
		sleep 0.02
	done
	elapsed=$(awk -v ns="$(($(date +%s%N) - started))" 'BEGIN { printf "%.2f", ns / 1e9 }')
	podman rm -f -t 0 "$name" >/dev/null
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf 'command: bash src/bench/startup-images.sh %d; socketcore: commit %s; %d runs of each, in turns; Java: %s\n' \
	"$runs" "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" "$runs" \
	"$(podman image inspect --format '{{index .Config.Labels "io.socketcore.ci.java"}}' "$base")"
socketcore_seconds=()
thin_seconds=()
elapsed=0
for ((run = 1; run <= runs; run++)); do
	first_reply socketcore-startup "$image" --socketcore.tcp.port="$tcp_port" --management.server.port="$http_port"
	socketcore_seconds+=("$elapsed")
	first_reply socketcore-startup-thinnest "$thin_image" "$tcp_port" net "$http_port"
	thin_seconds+=("$elapsed")
	printf 'run %d: socketcore %s s, thinnest Spring Integration app %s s\n' "$run" "${socketcore_seconds[-1]}" \
		"${thin_seconds[-1]}"
done
socketcore_median=$(median "${socketcore_seconds[@]}")
thin_median=$(median "${thin_seconds[@]}")
printf '| podman run to first reply (median of %d, in turns) | thinnest Spring Integration app (image) | %s s | baseline |\n' \
	"$runs" "$thin_median"
ratios=()
for ((run = 0; run < runs; run++)); do
	ratios+=("$(awk -v a="${socketcore_seconds[run]}" -v b="${thin_seconds[run]}" 'BEGIN { printf "%.2f", a / b }')")
done
printf '| podman run to first reply (median of %d, in turns) | socketcore (image) | %s s | %s |\n' "$runs" \
	"$socketcore_median" "$(awk -v a="$socketcore_median" -v b="$thin_median" 'BEGIN { printf "%.2fx", a / b }')"
printf '|   (same, ratio of each run) | socketcore (image) | %s | | median %sx |\n' "${ratios[*]}" "$(median "${ratios[@]}")"
