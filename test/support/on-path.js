// Whether a command is on PATH, looked up directly instead of spawning `which`: jest loads its config
// (and with it the *-availability.js modules) on every run, and this keeps that instant. Plain
// CommonJS for the same reason as those modules.
const fs = require('fs');
const path = require('path');

function onPath(command) {
  return (process.env.PATH || '').split(path.delimiter).some((dir) => {
    if (!dir) return false;
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

module.exports = { onPath };
