#!/usr/bin/env python3
"""Wraps a root file system tarball (from mmdebstrap) into a one-layer image tarball in `docker save` format, which Jib
reads as a base image (from.image = tar://<file>), skopeo as docker-archive:<file> and podman with `podman load`.

usage: rootfs-to-image.py ROOTFS_TAR OUTPUT_TAR TAG [KEY=VALUE ...]   (KEY=VALUE: environment of the image config)
"""
import hashlib
import json
import os
import shutil
import sys
import tarfile


def main(rootfs, output, tag, *env):
    digest = hashlib.sha256()
    with open(rootfs, "rb") as layer:
        for chunk in iter(lambda: layer.read(1 << 20), b""):
            digest.update(chunk)
    diff_id = "sha256:" + digest.hexdigest()
    config = {
        "architecture": "amd64",
        "os": "linux",
        # Fixed, like Jib's own layers: the same rootfs gives the same image id.
        "created": "1970-01-01T00:00:00Z",
        "config": {"Env": list(env), "Cmd": ["/bin/sh"]},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created": "1970-01-01T00:00:00Z", "created_by": "mmdebstrap (scripts/image.sh base)"}],
    }
    config_bytes = json.dumps(config, sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    layer_name = digest.hexdigest() + "/layer.tar"
    manifest = json.dumps([{"Config": config_name, "RepoTags": [tag], "Layers": [layer_name]}]).encode()

    tmp = output + ".tmp"
    with tarfile.open(tmp, "w", format=tarfile.PAX_FORMAT) as out:
        for name, data in ((config_name, config_bytes), ("manifest.json", manifest)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            out.addfile(info, _reader(data))
        directory = tarfile.TarInfo(digest.hexdigest())
        directory.type = tarfile.DIRTYPE
        directory.mode = 0o755
        out.addfile(directory)
        info = tarfile.TarInfo(layer_name)
        info.size = os.path.getsize(rootfs)
        info.mode = 0o644
        with open(rootfs, "rb") as layer:
            out.addfile(info, layer)
    shutil.move(tmp, output)
    print(f"{output}: {tag}, layer {diff_id}")


def _reader(data):
    import io
    return io.BytesIO(data)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
