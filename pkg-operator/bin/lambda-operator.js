#!/usr/bin/env node
// Entry point. The operator image ships bundles (dist/lambda-operator.js, and dist/dlq-forwarder.js for the
// `dlq-forwarder` command, which then loads none of the operator); from a source checkout the TypeScript runs
// through tsx.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const entries = {
  'dlq-forwarder': { bundle: 'dlq-forwarder.js', source: '../src/dlq-forwarder/main.ts', main: 'dlqForwarderMain' },
  default: { bundle: 'lambda-operator.js', source: '../src/cli.ts', main: 'cli' },
};

const argv = process.argv.slice(2);
const entry = entries[argv[0]] ?? entries.default;
const args = entry === entries.default ? argv : argv.slice(1);
const bundle = path.join(__dirname, '..', 'dist', entry.bundle);
let main;
if (fs.existsSync(bundle)) {
  main = require(bundle)[entry.main];
} else {
  require('tsx/cjs');
  main = require(entry.source)[entry.main];
}

main(args).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`lambda-operator: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  }
);
