// Bundles the client, the server, the CLI and the index worker with esbuild into dist/.
// tsc -b type-checks and emits per-file output for the tests; this produces what ships in the .vsix.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');
const entries = {
  client: 'client/src/extension.ts',
  server: 'server/src/server.ts',
  cli: 'server/src/cli.ts',
  indexWorker: 'server/src/workspace/indexWorker.ts',
};

const options = {
  absWorkingDir: root,
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

if (process.argv.includes('--watch')) {
  const ctx = await esbuild.context({
    ...options,
    plugins: [{ name: 'watch-log', setup(b) {
      b.onStart(() => console.log('[watch] build started'));
      b.onEnd(() => console.log('[watch] build finished'));
    } }],
  });
  await ctx.watch();
} else {
  await esbuild.build(options);
}
