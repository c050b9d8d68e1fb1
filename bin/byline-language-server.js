#!/usr/bin/env node
// The Byline language server for any LSP editor: `byline-language-server --stdio`.
const fs = require('node:fs');
const path = require('node:path');
if (!process.argv.some((a) => a === '--stdio' || a.startsWith('--node-ipc') || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
const bundled = path.join(__dirname, '..', 'dist', 'server.js');
const compiled = path.join(__dirname, '..', 'server', 'out', 'server.js');
require(fs.existsSync(bundled) ? bundled : compiled);
