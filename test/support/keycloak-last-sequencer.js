// Jest's own order (failed first, then slowest first), except that the *.keycloak.spec.ts suites go
// last: Keycloak starts in the background during the run (global-setup.ts), and the other suites use
// that time instead of a worker waiting for it.
const Sequencer = require('@jest/test-sequencer').default;
const { KEYCLOAK_SPEC } = require('./keycloak-availability');

class KeycloakLastSequencer extends Sequencer {
  async sort(tests) {
    const ordered = await super.sort(tests);
    return [...ordered.filter((t) => !KEYCLOAK_SPEC.test(t.path)), ...ordered.filter((t) => KEYCLOAK_SPEC.test(t.path))];
  }
}

module.exports = KeycloakLastSequencer;
