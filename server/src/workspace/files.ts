/** Which files are articles: glob matching and a directory walk, for the server and the CLI. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A glob ("**\/*.txt", "{a,b}/*.txt", "?") as a regular expression over '/'-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let inGroup = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // "**/" matches zero or more directories
        if (glob[i + 2] === '/') { re += '(?:.*/)?'; i += 3; continue; }
        re += '.*'; i += 2; continue;
      }
      re += '[^/]*'; i++; continue;
    }
    if (c === '?') { re += '[^/]'; i++; continue; }
    if (c === '{') { re += '(?:'; inGroup++; i++; continue; }
    if (c === '}' && inGroup) { re += ')'; inGroup--; i++; continue; }
    if (c === ',' && inGroup) { re += '|'; i++; continue; }
    re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${re}$`);
}

export class FileFilter {
  private readonly include: RegExp;
  private readonly exclude: RegExp[];
  constructor(files = '**/*.txt', exclude: string[] = ['**/node_modules/**', '**/.git/**', '**/.byline/**']) {
    this.include = globToRegExp(files);
    this.exclude = exclude.map(globToRegExp);
  }
  /** Does a path relative to a workspace folder name an article? */
  matches(relative: string): boolean {
    const p = relative.split(path.sep).join('/');
    return this.include.test(p) && !this.exclude.some((e) => e.test(p) || e.test(`${p}/`));
  }
  /** Is a directory excluded as a whole? */
  excludesDir(relative: string): boolean {
    const p = `${relative.split(path.sep).join('/')}/`;
    return this.exclude.some((e) => e.test(p) || e.test(`${p}x`));
  }
}

/** Every matching file below a folder, sorted. Unreadable directories are skipped. */
export function findArticles(root: string, filter = new FileFilter()): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full);
      if (e.isDirectory()) { if (!filter.excludesDir(rel)) walk(full); }
      else if (e.isFile() && filter.matches(rel)) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}
