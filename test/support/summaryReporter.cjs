// Mocha's spec reporter, plus a JSON summary written to $JWTLENS_RESULTS_FILE when that is set, so
// test/run-all.sh can add up the stages into one "N passed, N failed" line.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on('fail', (test) => failures.push(test.fullTitle()));
    runner.once('end', () => {
      const file = process.env.JWTLENS_RESULTS_FILE;
      if (!file) return;
      const { passes, pending } = runner.stats;
      fs.writeFileSync(file, JSON.stringify({ passes, failures: failures.length, pending, failed: failures }));
    });
  }
}

module.exports = SummaryReporter;
