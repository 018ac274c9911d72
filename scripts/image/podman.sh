# Sourced by scripts/image.sh, scripts/image-test.sh, scripts/image/cds-train.sh and bench/image-start.sh: Debian
# packages on demand, and podman as it works here and in CI.

# need COMMAND DEBIAN_PACKAGE: installs the package when the command is missing (as root; otherwise says what to run)
need() {
    command -v "$1" >/dev/null && return 0
    echo "$(basename "$0"): $1 is missing; installing Debian's $2" >&2
    if [[ $(id -u) != 0 ]]; then
        echo "$(basename "$0"): not root: run 'apt-get install -y $2' first" >&2
        return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null ||
        { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; } ||
        { echo "$(basename "$0"): could not install $2" >&2; return 1; }
}

# This sandbox (and CI's machine) has hybrid cgroups without systemd, which crun refuses, and does not let a container
# raise its rlimits: runc with cgroupfs and explicit ulimits work. A normal host needs none of this
# (PODMAN_RUN_OPTS overrides the ulimits).
podman=(podman --runtime runc --cgroup-manager cgroupfs)
read -r -a run_opts <<<"${PODMAN_RUN_OPTS:---ulimit nofile=4096:4096 --ulimit nproc=4096:4096}"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# load_image TARBALL: loads a docker-archive and prints the image's name
load_image() {
    "${podman[@]}" load -q -i "$1" | sed -n 's/^Loaded image[^:]*: *//p' | tail -n 1
}

# image_entrypoint IMAGE: the image's entrypoint, one word per line
image_entrypoint() {
    "${podman[@]}" image inspect -f '{{range .Config.Entrypoint}}{{println .}}{{end}}' "$1" | sed '/^$/d'
}
