// Packages the extension into dist/byline.vsix with the @vscode/vsce API.
// Run `npm run build` first: esbuild (scripts/bundle.mjs) bundles the client, the server and
// their dependencies into dist/, so the .vsix ships no node_modules (dependencies: false).
// What goes in is decided by .vscodeignore.
import { createVSIX } from '@vscode/vsce';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'dist', 'byline.vsix');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const main = path.join(root, manifest.main);
if (!fs.existsSync(main)) {
  console.error(`package: ${path.relative(root, main)} is missing; run \`npm run build\` first.`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.rmSync(out, { force: true });
try {
  await createVSIX({
    cwd: root,
    packagePath: out,
    dependencies: false,
    allowMissingRepository: true,
    skipLicense: !fs.existsSync(path.join(root, 'LICENSE')),
  });
} catch (err) {
  console.error(`package: ${err?.message ?? err}`);
  process.exit(1);
}
console.log(`package: wrote ${path.relative(process.cwd(), out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KB)`);
