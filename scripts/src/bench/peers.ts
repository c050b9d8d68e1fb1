/** Throughput of Byline's analysis and of two peers (compromise, wink-nlp) over the same text, in one process. */
import { analyzeDocument } from '../../../server/out/analysis/analyze';

export interface PeerFigures { bytes: number; byline: number; compromise?: number; wink?: number; notes: string[] }

function mbps(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

/** Best of `rounds` passes over the texts (after a warm-up on the first few), MB/s. */
function throughput(texts: string[], bytes: number, run: (t: string) => void, rounds = 3): number {
  for (const t of texts.slice(0, 5)) run(t);
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const t of texts) run(t);
    best = Math.min(best, performance.now() - t0);
  }
  return mbps(bytes, best);
}

export function peerThroughput(texts: string[]): PeerFigures {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const notes: string[] = [];
  const out: PeerFigures = { bytes, byline: throughput(texts, bytes, (t) => { analyzeDocument('bench', t); }), notes };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nlp = require('compromise');
    out.compromise = throughput(texts, bytes, (t) => { const d = nlp(t); d.people().out('array'); d.places().out('array'); d.organizations().out('array'); });
  } catch (e) { notes.push(`compromise: ${(e as Error).message}`); }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const winkNLP = require('wink-nlp');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const model = require('wink-eng-lite-web-model');
    const wink = winkNLP(model);
    const its = wink.its;
    out.wink = throughput(texts, bytes, (t) => { const d = wink.readDoc(t); d.tokens().out(its.pos); d.entities().out(); });
  } catch (e) { notes.push(`wink-nlp: ${(e as Error).message}`); }
  return out;
}
