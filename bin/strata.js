#!/usr/bin/env node
// The published CLI runs the compiled code; in this repository use `npm run strata -- <command>`.
import('../dist/cli/main.js')
  .then((m) => m.main(process.argv))
  .then((code) => {
    process.exitCode = code;
  });
