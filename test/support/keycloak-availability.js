// Decides whether the *.keycloak.spec.ts suites run, like kafka-availability.js for Kafka. Plain
// CommonJS because test/jest.config.js requires it before ts-jest exists. In CI the answer is always
// yes: a runner without Java or Maven must fail loudly rather than go green having never checked a
// token from a real identity provider.
const fs = require('fs');
const path = require('path');
const { onPath } = require('./on-path');

const repoRoot = path.resolve(__dirname, '..', '..');
const KEYCLOAK_SPEC = /\.keycloak\.spec\.ts$/;

/** Base URL of an already running Keycloak with the test realms imported, or null to start our own. */
function externalKeycloakUrl() {
  return process.env.KEYCLOAK_URL || null;
}

function hasDistribution() {
  try {
    return fs.readdirSync(path.join(repoRoot, '.keycloak')).some((name) => fs.existsSync(path.join(repoRoot, '.keycloak', name, '.fetched')));
  } catch {
    return false;
  }
}

let decided;

function keycloakSuitesEnabled() {
  if (decided !== undefined) return decided;
  if (process.env.CI === 'true' || externalKeycloakUrl()) return (decided = true);
  const java = onPath('java');
  const canGetServer = hasDistribution() || onPath('mvn');
  decided = java && canGetServer;
  if (!decided) {
    const missing = [!java && 'java is not on PATH', !canGetServer && 'mvn is not on PATH and .keycloak has no server'].filter(Boolean).join('; ');
    process.stderr.write(
      `!!! KEYCLOAK SUITES SKIPPED (*.keycloak.spec.ts): ${missing}. Install Java 17+ and Maven, or set KEYCLOAK_URL ` +
        `to a running Keycloak with test/keycloak/*-realm.json imported. CI=true never skips them. !!!\n`,
    );
  }
  return decided;
}

/** Every *.keycloak.spec.ts file of the repository (relative paths), to see whether a run selects one. */
function keycloakSpecFiles() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (KEYCLOAK_SPEC.test(entry.name)) found.push(full);
    }
  };
  for (const top of ['apps', 'libs', 'test']) walk(path.join(repoRoot, top));
  return found;
}

module.exports = { keycloakSuitesEnabled, externalKeycloakUrl, keycloakSpecFiles, KEYCLOAK_SPEC };
