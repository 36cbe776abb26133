#!/usr/bin/env bash
# Downloads the Apache Kafka broker jars (see test/kafka/pom.xml) into <repo>/.kafka/lib so the
# test suite can run a real single-node broker with the machine's Java. Safe to run repeatedly:
# it does nothing when the jars for the current pom are already there.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pom="$repo_root/test/kafka/pom.xml"
lib="$repo_root/.kafka/lib"
# The stamp records which pom the jars came from, so editing the pom (e.g. a version bump) refetches
# instead of silently running the old broker.
stamp="$lib/.fetched-from-pom.sha256"

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fetch-broker.sh: '$tool' is not on PATH. The Kafka test broker needs Java 17+ and Maven 3.6.3+" >&2
    echo "fetch-broker.sh: (e.g. 'apt-get install openjdk-17-jre-headless maven')." >&2
    exit 1
  fi
done

pom_hash="$(sha256sum "$pom" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$pom_hash" ]] && compgen -G "$lib/kafka_2.13-*.jar" >/dev/null; then
  echo "fetch-broker.sh: Kafka jars already in ${lib#"$repo_root"/}, nothing to do."
  exit 0
fi

# Fetch into a scratch directory and swap it in at the end: an interrupted download must never
# leave a half-filled .kafka/lib that the test helper would take for a complete one.
mkdir -p "$repo_root/.kafka"
staging="$(mktemp -d "$repo_root/.kafka/lib.tmp.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

echo "fetch-broker.sh: resolving Kafka broker jars from Maven Central..."
# -B: no interactive prompts or download progress bars in CI logs. (Debian's Maven 3.8 still prints
# stray ESC[0m colour resets with -q; harmless.)
mvn -q -B -f "$pom" dependency:copy-dependencies -DoutputDirectory="$staging"

if ! compgen -G "$staging/kafka_2.13-*.jar" >/dev/null; then
  echo "fetch-broker.sh: Maven finished but no kafka_2.13 jar was copied; refusing to continue." >&2
  exit 1
fi
echo "$pom_hash" >"$staging/.fetched-from-pom.sha256"

rm -rf "$lib"
mv "$staging" "$lib"
trap - EXIT
echo "fetch-broker.sh: $(find "$lib" -name '*.jar' | wc -l) jars in ${lib#"$repo_root"/}."
