/**
 * Loads compiled server modules from server/out, wherever the compiled test runs from
 * (tests compile to test/out/..., one level deeper than their sources).
 */
import * as fs from 'fs';
import * as path from 'path';

export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'server'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found from ' + __dirname);
    dir = up;
  }
  return dir;
}

export function serverModule<T>(relative: string): T {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(path.join(repoRoot(), 'server', 'out', relative)) as T;
}
