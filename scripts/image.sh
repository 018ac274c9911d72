#!/usr/bin/env bash
# Builds the container image with Jib, without a Docker engine and without pulling anything from a container registry.
#
#   scripts/image.sh [build]   base image (cached) + mvn package jib:buildTar  ->  target/jib-image.tar
#   scripts/image.sh base      only the base image tarball (cached; prints its path)
#   scripts/image.sh push      base image + mvn package jib:build: pushes to IMAGE (credentials: Jib's usual helpers)
#
# The base image is built from Debian's packages, which this machine, a developer's and CI reach: mmdebstrap makes a
# Debian 12 root file system with openjdk-17-jre-headless and ca-certificates (no apt, no docs), adds the user
# "bridge" (uid/gid 10001) and a writable /app/work; scripts/image/rootfs-to-image.py wraps it into a one-layer
# `docker save` tarball, which Jib takes as from.image = tar://<file>. Jib then adds the dependencies, resources and
# application jar, config/, routes/, statemachines/ and samples/db/ under /app, the entrypoint, user and ports (pom.xml),
# and, in a second pass, the AppCDS archive that scripts/image/cds-train.sh trains by running the first pass's image
# with podman against LocalStack (about 40 s; IMAGE_CDS=0 builds without it, and the image then starts about a second
# slower).
#
# Environment:
#   IMAGE                   image name and tag (sfn-task-bridge:<version>); for push, e.g. 123.dkr.ecr.eu-west-1.amazonaws.com/sfn-task-bridge:1.2.0
#   IMAGE_CACHE_DIR         where base images are kept (~/.cache/sfn-task-bridge/image)
#   IMAGE_DEBIAN_MIRROR     Debian mirror (http://deb.debian.org/debian; security updates from <mirror>-security)
#   IMAGE_REFRESH_BASE=1    rebuild the base even when cached (to pick up Debian's security updates)
#   MAVEN_ARGS              extra arguments for mvn, e.g. -o
#   IMAGE_CDS=0             no AppCDS archive (no podman or LocalStack needed)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/.." && pwd)
cache=${IMAGE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sfn-task-bridge/image}
mirror=${IMAGE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=bookworm
packages=openjdk-17-jre-headless,ca-certificates
uid=10001
java_home=/usr/lib/jvm/java-17-openjdk-amd64

log() { echo "image: $*" >&2; }
# shellcheck source=scripts/image/podman.sh
source "$here/image/podman.sh"

# The recipe's fingerprint names the cached base: editing its settings, base() or the wrapper builds a new one.
recipe_key() {
    { echo "$suite $packages $uid $java_home"; sed -n '/^base() {/,/^}/p' "$0"; cat "$here/image/rootfs-to-image.py"; } |
        sha256sum | cut -c1-16
}

base() {
    local key file
    key=$(recipe_key)
    file="$cache/base-$suite-jre17-$key.tar"
    if [[ -s $file && ${IMAGE_REFRESH_BASE:-0} != 1 ]]; then
        ln -sfn "$(basename "$file")" "$cache/base.tar"
        echo "$file"
        return 0
    fi
    need mmdebstrap mmdebstrap
    mkdir -p "$cache"
    local work
    work=$(mktemp -d "$cache/.build.XXXXXX")
    # shellcheck disable=SC2064
    trap "rm -rf '$work'" EXIT
    log "building the base image from Debian $suite packages ($packages) into $file (one-off, about a minute)"
    # variant essential: only Essential:yes packages plus ours (no apt in the image). Docs, man pages and locales are
    # left out; the man1 folder must exist for update-alternatives (java.1.gz). SOURCE_DATE_EPOCH: fixed timestamps.
    SOURCE_DATE_EPOCH=1700000000 mmdebstrap --mode=auto --variant=essential --quiet \
        --include="$packages" \
        --aptopt='APT::Install-Recommends "false"' \
        --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        --dpkgopt='path-exclude=/usr/share/info/*' \
        --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
        --customize-hook="echo 'bridge:x:$uid:$uid:sfn-task-bridge:/app:/usr/sbin/nologin' >> \"\$1/etc/passwd\"" \
        --customize-hook="echo 'bridge:x:$uid:' >> \"\$1/etc/group\"" \
        --customize-hook="mkdir -p \"\$1/app/work\" \"\$1/app/extra\" && chown $uid:$uid \"\$1/app/work\"" \
        --customize-hook='rm -rf "$1/var/cache/apt" "$1/var/lib/apt/lists" "$1/var/log"/*.log "$1/usr/share/man"' \
        "$suite" "$work/rootfs.tar" \
        "deb $mirror $suite main" "deb $mirror $suite-updates main" "deb $mirror-security $suite-security main"
    python3 "$here/image/rootfs-to-image.py" "$work/rootfs.tar" "$work/base.tar" "sfn-task-bridge-base:$key" \
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "JAVA_HOME=$java_home" "LANG=C.UTF-8" >&2
    mv "$work/base.tar" "$file"
    rm -rf "$work"
    trap - EXIT
    ln -sfn "$(basename "$file")" "$cache/base.tar"
    log "base image: $file ($(du -h "$file" | cut -f1))"
    echo "$file"
}

jib() {  # jib MAVEN ARGS...: mvn with the cached base image, e.g. jib package jib:buildTar
    local file
    file=$(base)
    local args=(-B -q -DskipTests "-Djib.from.image=tar://$file")
    [[ -n ${IMAGE:-} ]] && args+=("-Djib.to.image=$IMAGE")
    log "mvn $* (base $file)"
    # shellcheck disable=SC2086
    (cd "$project" && mvn "${args[@]}" ${MAVEN_ARGS:-} "$@")
}

# image GOAL: the image with its AppCDS archive, unless IMAGE_CDS=0: a first pass to a tarball, a training run of it,
# then GOAL with the archive (profile cds). The second pass does not package again: the archive names those jars.
image() {
    if [[ ${IMAGE_CDS:-1} == 0 ]]; then
        jib package "jib:$1"
        return
    fi
    jib package jib:buildTar
    rm -rf "$project/target/cds"
    if ! "$here/image/cds-train.sh" "$project/target/jib-image.tar" "$project/target/cds"; then
        log "WARNING: the AppCDS training run failed (above); the image is built without the archive and starts about"
        log "a second slower. IMAGE_CDS=0 skips the training."
        [[ $1 == buildTar ]] || jib "jib:$1"
        return
    fi
    jib -Pcds "jib:$1"
}

case ${1:-build} in
    base) base ;;
    build)
        image buildTar
        log "image: $project/target/jib-image.tar ($(du -h "$project/target/jib-image.tar" | cut -f1))"
        ;;
    push) image build ;;
    *) echo "usage: $0 [build|base|push]" >&2; exit 2 ;;
esac
