#!/usr/bin/env bash
# Installs a published Hark (scripts/publish) as a service.
# Usage: deploy/install.sh --from OUT [--prefix DIR] [--no-systemd]
#   OUT     the published folder
#   DIR     root to install under (default /): DIR/opt/hark, DIR/etc/hark/appsettings.json
#   --no-systemd  only copy files (no user, no unit): for trying it out or tests
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
from=""; prefix=""; systemd=1
while (($#)); do
  case "$1" in
    --from) from="$2"; shift 2 ;;
    --prefix) prefix="${2%/}"; shift 2 ;;
    --no-systemd) systemd=0; shift ;;
    *) echo "install.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n "$from" && -f "$from/hark.dll" ]] || { echo "install.sh: --from must name a published Hark folder (scripts/publish)" >&2; exit 2; }

install -d "$prefix/opt/hark" "$prefix/etc/hark"
rm -rf "$prefix/opt/hark/"*
cp -a "$from/." "$prefix/opt/hark/"
# The example configuration becomes the starting one; an existing one is kept.
[[ -f "$prefix/etc/hark/appsettings.json" ]] || install -m 0644 "$here/appsettings.example.json" "$prefix/etc/hark/appsettings.json"

if ((systemd)); then
  id hark >/dev/null 2>&1 || useradd --system --home-dir /var/lib/hark --shell /usr/sbin/nologin hark
  install -D -m 0644 "$here/hark.service" "$prefix/etc/systemd/system/hark.service"
  systemctl daemon-reload
  echo "Installed. Start with: systemctl enable --now hark"
else
  echo "Installed under ${prefix:-/}opt/hark (no service)."
fi
