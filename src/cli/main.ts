/**
 * Entry point of `dist/cli.js`, which `bin/jwt-lens.js` loads. Only this file touches `process`;
 * the dispatcher in `dispatch.ts` takes a `CliIo` so tests can run it in-process.
 */
import { runCli } from './dispatch';
import { createProcessIo } from './io';

void runCli(process.argv.slice(2), createProcessIo()).then((code) => {
  process.exitCode = code;
});
