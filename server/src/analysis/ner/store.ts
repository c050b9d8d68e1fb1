/**
 * The model file: a small JSON header followed by little-endian typed-array sections.
 *
 *   "BYNER1\n\0" | u32 headerBytes | header JSON (padded to 4) | sections in header order
 *
 * Weights are stored sparsely (rows whose nine weights are not all zero) and quantised to int16
 * with one scale per weight set; the loader expands them into the dense Float32Array the tagger
 * indexes. Lexicons are (key, value) Int32 pairs keyed by word hashes.
 */
import { NerLexicon } from './features';
import { L, Weights } from './tagger';

export interface NerModel {
  lex: NerLexicon;
  /** First pass; the second pass also sees what the first said about the same word elsewhere in the document. */
  pass1: Weights;
  pass2?: Weights;
  meta: Record<string, unknown>;
}

const MAGIC = 'BYNER1\n\0';

interface Section { name: string; type: 'i32' | 'f32' | 'i16' | 'u32'; length: number; scale?: number }

export function serializeModel(model: NerModel): Buffer {
  const sections: Section[] = [];
  const blobs: Buffer[] = [];
  const add = (name: string, arr: Int32Array | Float32Array | Int16Array | Uint32Array, scale?: number): void => {
    const type = arr instanceof Int32Array ? 'i32' : arr instanceof Float32Array ? 'f32' : arr instanceof Int16Array ? 'i16' : 'u32';
    sections.push({ name, type, length: arr.length, ...(scale !== undefined ? { scale } : {}) });
    let buf = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
    if (buf.length % 4) buf = Buffer.concat([buf, Buffer.alloc(4 - (buf.length % 4))]);
    blobs.push(buf);
  };
  const addMap = (name: string, m: Map<number, number>): void => {
    const keys = new Int32Array(m.size), vals = new Int32Array(m.size);
    let i = 0;
    for (const [k, v] of [...m].sort((x, y) => x[0] - y[0])) { keys[i] = k; vals[i] = v; i++; }
    add(name + '.keys', keys);
    add(name + '.vals', vals);
  };
  const addWeights = (name: string, W: Weights): void => {
    const rows: number[] = [];
    let maxAbs = 0;
    for (let r = 0; r < W.w.length / L; r++) {
      let nz = false;
      for (let y = 0; y < L; y++) { const v = Math.abs(W.w[r * L + y]); if (v > 0) nz = true; if (v > maxAbs) maxAbs = v; }
      if (nz) rows.push(r);
    }
    const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
    const idx = new Uint32Array(rows);
    const q = new Int16Array(rows.length * L);
    for (let i = 0; i < rows.length; i++) for (let y = 0; y < L; y++) q[i * L + y] = Math.round(W.w[rows[i] * L + y] / scale);
    add(name + '.rows', idx);
    add(name + '.w', q, scale);
    add(name + '.trans', W.trans);
  };
  addMap('caseStat', model.lex.caseStat);
  addMap('gaz', model.lex.gaz);
  addMap('clusters', model.lex.clusters);
  addMap('gazTok', model.lex.gazTok);
  addWeights('pass1', model.pass1);
  if (model.pass2) addWeights('pass2', model.pass2);
  const header = { ...model.meta, bits: model.pass1.bits, labels: L, gazMaxLen: model.lex.gazMaxLen, sections };
  let hjson = Buffer.from(JSON.stringify(header), 'utf8');
  if (hjson.length % 4) hjson = Buffer.concat([hjson, Buffer.alloc(4 - (hjson.length % 4), 32)]);
  const lenBuf = Buffer.alloc(4);
  lenBuf.writeUInt32LE(hjson.length, 0);
  return Buffer.concat([Buffer.from(MAGIC, 'latin1'), lenBuf, hjson, ...blobs]);
}

export function deserializeModel(buf: Uint8Array): NerModel {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a Byline NER model (bad magic)');
  const hlen = b.readUInt32LE(8);
  const header = JSON.parse(b.toString('utf8', 12, 12 + hlen).trimEnd()) as Record<string, unknown> & {
    bits: number; gazMaxLen: number; sections: Section[];
  };
  // copy into an aligned buffer so typed arrays can view it
  const body = new Uint8Array(b.length - 12 - hlen);
  body.set(b.subarray(12 + hlen));
  const arrays = new Map<string, { arr: Int32Array | Float32Array | Int16Array | Uint32Array; scale?: number }>();
  let off = 0;
  for (const s of header.sections) {
    const bytes = s.type === 'i16' ? s.length * 2 : s.length * 4;
    const ab = body.buffer;
    const arr = s.type === 'i32' ? new Int32Array(ab, off, s.length) : s.type === 'f32' ? new Float32Array(ab, off, s.length)
      : s.type === 'i16' ? new Int16Array(ab, off, s.length) : new Uint32Array(ab, off, s.length);
    arrays.set(s.name, { arr, scale: s.scale });
    off += Math.ceil(bytes / 4) * 4;
  }
  const getMap = (name: string): Map<number, number> => {
    const k = arrays.get(name + '.keys')?.arr, v = arrays.get(name + '.vals')?.arr;
    const m = new Map<number, number>();
    if (k && v) for (let i = 0; i < k.length; i++) m.set(k[i], v[i]);
    return m;
  };
  const getWeights = (name: string): Weights | undefined => {
    const rows = arrays.get(name + '.rows');
    const q = arrays.get(name + '.w');
    const t = arrays.get(name + '.trans');
    if (!rows || !q || !t) return undefined;
    // kept as stored (int16 rows): fast.ts indexes them directly; Weights.table() expands them for tagDocument
    const W = new Weights(header.bits, new Float32Array(0), new Float32Array(t.arr as Float32Array));
    W.stored = { buckets: rows.arr as Uint32Array, q: q.arr as Int16Array, scale: q.scale ?? 1 };
    return W;
  };
  const pass1 = getWeights('pass1');
  if (!pass1) throw new Error('NER model has no first-pass weights');
  const { sections: _s, ...meta } = header;
  void _s;
  return {
    lex: { caseStat: getMap('caseStat'), gaz: getMap('gaz'), gazMaxLen: header.gazMaxLen, clusters: getMap('clusters'), gazTok: getMap('gazTok') },
    pass1,
    pass2: getWeights('pass2'),
    meta,
  };
}
