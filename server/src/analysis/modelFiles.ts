/** Where the committed model files are: a `models/` folder above the running code (checkout, tsc output or bundle). */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function findModelFile(name: string, from = __dirname): string | undefined {
  let dir = from;
  for (let k = 0; k < 8; k++) {
    const p = path.join(dir, 'models', name);
    if (fs.existsSync(p)) return p;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
