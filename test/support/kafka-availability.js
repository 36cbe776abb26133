// Decides whether the *.kafka.spec.ts suites run. Plain CommonJS because test/jest.config.js requires
// it before ts-jest exists. In CI the answer is always yes: a runner without Java or Maven must fail
// loudly in globalSetup rather than go green having tested no Kafka path at all.
const fs = require('fs');
const path = require('path');
const { onPath } = require('./on-path');

const repoRoot = path.resolve(__dirname, '..', '..');
const libDir = path.join(repoRoot, '.kafka', 'lib');

/** Broker list of an already running Kafka (e.g. "127.0.0.1:9092"), or null to start our own. */
function externalKafkaBrokers() {
  return process.env.KAFKA_BROKERS || null;
}

function hasBrokerJars() {
  try {
    return fs.readdirSync(libDir).some((name) => /^kafka_2\.13-.*\.jar$/.test(name));
  } catch {
    return false;
  }
}

let decided;

function kafkaSuitesEnabled() {
  if (decided !== undefined) return decided;
  if (process.env.CI === 'true' || externalKafkaBrokers()) return (decided = true);

  const java = onPath('java');
  const canGetJars = hasBrokerJars() || onPath('mvn');
  decided = java && canGetJars;
  if (!decided) {
    const missing = [!java && 'java is not on PATH', !canGetJars && 'mvn is not on PATH and .kafka/lib has no broker jars']
      .filter(Boolean)
      .join('; ');
    process.stderr.write(
      `!!! KAFKA SUITES SKIPPED (*.kafka.spec.ts, and the API suites on Kafka): ${missing}. Install Java 17+ and Maven, ` +
        `or set KAFKA_BROKERS=host:port to use a running broker. CI=true never skips them. !!!\n`,
    );
  }
  return decided;
}

module.exports = { kafkaSuitesEnabled, externalKafkaBrokers };
