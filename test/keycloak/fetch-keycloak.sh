#!/usr/bin/env bash
# Downloads the Keycloak server distribution (org.keycloak:keycloak-quarkus-dist, tar.gz, from Maven
# Central) and unpacks it into <repo>/.keycloak/keycloak-<version>, so the test suite can run a real
# Keycloak in dev mode with the machine's Java (test/support/keycloak.ts). Safe to run repeatedly:
# it does nothing when that version is already unpacked.
set -euo pipefail

# Keycloak 26.5 runs on Java 17 and 21; the CI runner has 17 (the Kafka broker's too).
version="26.5.6"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="$repo_root/.keycloak/keycloak-$version"

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fetch-keycloak.sh: '$tool' is not on PATH. The Keycloak test server needs Java 17+ and Maven 3.6.3+" >&2
    echo "fetch-keycloak.sh: (e.g. 'apt-get install openjdk-17-jre-headless maven')." >&2
    exit 1
  fi
done

if [[ -x "$target/bin/kc.sh" && -f "$target/.fetched" ]]; then
  echo "fetch-keycloak.sh: Keycloak $version already in ${target#"$repo_root"/}, nothing to do."
  exit 0
fi

# Download and unpack into a scratch directory and move it into place at the end: an interrupted
# run must never leave a half-unpacked server that the test helper would take for a complete one.
mkdir -p "$repo_root/.keycloak"
staging="$(mktemp -d "$repo_root/.keycloak/fetch.tmp.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

echo "fetch-keycloak.sh: fetching org.keycloak:keycloak-quarkus-dist:$version (tar.gz, about 160 MB) from Maven Central..."
# -B: no prompts or progress bars in CI logs. The plugin is pinned like the Kafka pom's.
mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
  -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:tar.gz" \
  -DoutputDirectory="$staging"

tar -xzf "$staging/keycloak-quarkus-dist-$version.tar.gz" -C "$staging"
if [[ ! -x "$staging/keycloak-$version/bin/kc.sh" ]]; then
  echo "fetch-keycloak.sh: the archive has no keycloak-$version/bin/kc.sh; refusing to continue." >&2
  exit 1
fi
touch "$staging/keycloak-$version/.fetched"

rm -rf "$target"
mv "$staging/keycloak-$version" "$target"
trap - EXIT
rm -rf "$staging"
echo "fetch-keycloak.sh: Keycloak $version in ${target#"$repo_root"/}."
