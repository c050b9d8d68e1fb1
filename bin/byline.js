#!/usr/bin/env node
// The Byline command line (see `byline --help`). Runs the bundled CLI, or the tsc output in a checkout.
const fs = require('node:fs');
const path = require('node:path');
const bundled = path.join(__dirname, '..', 'dist', 'cli.js');
const compiled = path.join(__dirname, '..', 'server', 'out', 'cli.js');
const target = fs.existsSync(bundled) ? bundled : compiled;
if (!fs.existsSync(target)) {
  process.stderr.write('byline: not built yet; run `npm run build` first.\n');
  process.exit(2);
}
const cli = require(target);
cli.exitOnBrokenPipe();
process.exitCode = cli.main(process.argv.slice(2));
