# shellcheck shell=bash
# podman as this sandbox runs it, and free ports; sourced by ci/container-test.sh and
# src/bench/startup-images.sh, which define fail.

# use_sandbox_podman DIR: podman reads DIR/containers.conf instead of the machine's own, which stays
# untouched. runc: crun refuses this sandbox's cgroup mode; ulimits: podman's defaults exceed the sandbox's.
use_sandbox_podman() {
	cat >"$1/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]

[engine]
runtime = "runc"
CONF
	export CONTAINERS_CONF="$1/containers.conf"
}

# A port is free when nothing accepts on it (the services bind all interfaces; loopback tells).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pick_port PORT...: the first free one.
pick_port() {
	local port
	for port in "$@"; do
		port_free "$port" && { printf '%s\n' "$port"; return; }
	done
	fail "none of the ports $* is free"
}
