// Builds the companion test extension (test/editor/runner-extension) into a .vsix:
// esbuild bundles its extension.js, mocha and every test/editor/suite/*.test.js into one file
// (only 'vscode' stays external), then @vscode/vsce packages it.
// Usage: node test/editor/build-runner.mjs [out.vsix]   (default: dist/byline-editor-tests.vsix)
import * as esbuild from 'esbuild';
import { createVSIX } from '@vscode/vsce';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const extDir = path.join(here, 'runner-extension');
const suiteDir = path.join(here, 'suite');

export async function buildRunner(outVsix = path.join(root, 'dist', 'byline-editor-tests.vsix')) {
  const suites = fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort();
  if (suites.length === 0) throw new Error(`no *.test.js in ${suiteDir}`);
  const suitesModule = {
    name: 'byline-editor-suites',
    setup(build) {
      build.onResolve({ filter: /^byline-editor-suites$/ }, () => ({ path: 'byline-editor-suites', namespace: 'suites' }));
      build.onLoad({ filter: /.*/, namespace: 'suites' }, () => ({
        contents: suites.map((f) => `require(${JSON.stringify(path.join(suiteDir, f))});`).join('\n'),
        resolveDir: suiteDir,
        loader: 'js',
      }));
    },
  };
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(extDir, 'src', 'extension.js')],
    outfile: path.join(extDir, 'dist', 'extension.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    plugins: [suitesModule],
    logLevel: 'error',
    // mocha's optional bits that a bundled, in-process run never loads
    logOverride: { 'require-resolve-not-external': 'silent', 'unsupported-dynamic-import': 'silent', 'unsupported-require-call': 'silent' },
  });
  fs.mkdirSync(path.dirname(outVsix), { recursive: true });
  await createVSIX({ cwd: extDir, packagePath: outVsix, dependencies: false, allowMissingRepository: true, skipLicense: true });
  return { vsix: outVsix, suites };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { vsix, suites } = await buildRunner(process.argv[2] && path.resolve(process.argv[2]));
  console.log(`build-runner: wrote ${path.relative(process.cwd(), vsix)} with ${suites.length} suite file(s)`);
}
