/** The seed articles, read once, for the tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../server/out/analysis/analyze';
import { DocumentAnalysis } from '../../server/out/analysis/model';
import { WorkspaceIndex } from '../../server/out/analysis/workspace';
import { SEEDS } from './lspClient';

export const SEED_FILES = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();

export function seedText(prefix: string): string {
  const f = SEED_FILES.find((x) => x.startsWith(prefix));
  if (!f) throw new Error(`no seed ${prefix}`);
  return fs.readFileSync(path.join(SEEDS, f), 'utf8');
}

export function seedName(prefix: string): string {
  return SEED_FILES.find((x) => x.startsWith(prefix))!;
}

let cached: { index: WorkspaceIndex; docs: DocumentAnalysis[] } | undefined;

/** All five seeds analysed and indexed (shared across tests; do not mutate). */
export function seedIndex(): { index: WorkspaceIndex; docs: DocumentAnalysis[] } {
  if (cached) return cached;
  const index = new WorkspaceIndex();
  const docs = SEED_FILES.map((f) => analyzeDocument(f, fs.readFileSync(path.join(SEEDS, f), 'utf8')));
  for (const d of docs) index.set(d);
  cached = { index, docs };
  return cached;
}
