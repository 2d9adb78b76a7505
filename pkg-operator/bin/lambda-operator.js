#!/usr/bin/env node
// Entry point. The operator image ships a bundle (dist/lambda-operator.js, built by the Dockerfile); from a
// source checkout the TypeScript runs through tsx.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'lambda-operator.js');
let cli;
if (fs.existsSync(bundle)) {
  cli = require(bundle).cli;
} else {
  require('tsx/cjs');
  cli = require('../src/cli.ts').cli;
}

cli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`lambda-operator: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  }
);
