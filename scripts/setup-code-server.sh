#!/bin/sh
# Installs what the editor tests (npm run test:editor) need, outside the repo:
#   - apt: libkrb5-dev (headers for a native module of VS Code) and chromium
#   - Node 24 (code-server needs it) from npm, in $TOOLS/node24
#   - code-server 4.139.1 from npm, in $TOOLS/code-server, with its install
#     scripts run by hand (npm 11 does not run them).
# Idempotent: each step leaves a marker file and is skipped when it is there.
# Non-interactive. Usage: sh scripts/setup-code-server.sh   (as root)
set -eu

TOOLS="${BYLINE_EDITOR_TOOLS:-/opt/byline-editor-tools}"
CODE_SERVER_VERSION="${BYLINE_CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR=24

log() { printf '[setup-code-server] %s\n' "$*"; }

mkdir -p "$TOOLS"
log "tools folder: $TOOLS"

# 1. apt packages -----------------------------------------------------------
if [ -x /usr/bin/chromium ] && [ -f /usr/include/krb5.h -o -f /usr/include/gssapi/gssapi.h ] && dpkg -s libkrb5-dev >/dev/null 2>&1; then
  log "apt packages already installed (chromium, libkrb5-dev)"
else
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
    log "ERROR: need root (or sudo) to apt-get install libkrb5-dev chromium"; exit 1
  fi
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
  log "apt-get update"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -q
  log "apt-get install libkrb5-dev chromium"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends libkrb5-dev chromium
fi

# 2. Node 24 ------------------------------------------------------------------
NODE_DIR="$TOOLS/node24"
NODE_BIN="$NODE_DIR/node_modules/node/bin"
if [ -f "$NODE_DIR/.done" ] && [ -x "$NODE_BIN/node" ]; then
  log "node $("$NODE_BIN/node" --version) already installed in $NODE_DIR"
else
  log "installing node@$NODE_MAJOR from npm into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  [ -f "$NODE_DIR/package.json" ] || printf '{ "name": "byline-node24", "private": true }\n' > "$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR")
  # the "node" package fetches the binary in its own install script; run it if npm did not
  if [ ! -x "$NODE_BIN/node" ] || ! "$NODE_BIN/node" --version >/dev/null 2>&1; then
    log "running the node package's install script by hand"
    (cd "$NODE_DIR/node_modules/node" && npm_config_user_agent="npm/11 node/$(node --version) linux x64" npm run --silent preinstall 2>/dev/null || node installArchSpecificPackage 2>/dev/null || true)
  fi
  "$NODE_BIN/node" --version >/dev/null
  touch "$NODE_DIR/.done"
  log "node $("$NODE_BIN/node" --version) ready"
fi
export PATH="$NODE_BIN:$PATH"

# 3. code-server --------------------------------------------------------------
CS_DIR="$TOOLS/code-server"
CS_MARK="$CS_DIR/.done-$CODE_SERVER_VERSION"
if [ -f "$CS_MARK" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $CS_DIR"
else
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || printf '{ "name": "byline-code-server", "private": true }\n' > "$CS_DIR/package.json"
  if [ ! -f "$CS_DIR/.npm-$CODE_SERVER_VERSION" ]; then
    log "npm install code-server@$CODE_SERVER_VERSION (node $(node --version))"
    (cd "$CS_DIR" && npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
    touch "$CS_DIR/.npm-$CODE_SERVER_VERSION"
  fi
  if [ ! -f "$CS_DIR/.argon2-$CODE_SERVER_VERSION" ]; then
    log "building argon2 (node-gyp-build)"
    (cd "$CS_DIR/node_modules/argon2" && npx --no-install node-gyp-build)
    touch "$CS_DIR/.argon2-$CODE_SERVER_VERSION"
  fi
  log "running code-server's postinstall.sh (takes a few minutes)"
  (cd "$CS_DIR/node_modules/code-server" && npm_config_user_agent="npm/11 node/v$NODE_MAJOR linux x64" sh ./postinstall.sh)
  touch "$CS_MARK"
  log "code-server $CODE_SERVER_VERSION ready"
fi

# (its own config dir, so that --version does not write ~/.config/code-server)
XDG_CONFIG_HOME="$TOOLS/xdg-config" XDG_DATA_HOME="$TOOLS/xdg-data" \
  "$CS_DIR/node_modules/.bin/code-server" --version 2>/dev/null | tail -n 1 | sed 's/^/[setup-code-server] code-server /'
log "done"
