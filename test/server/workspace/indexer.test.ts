/**
 * The cold index: worker threads, the on-disk cache by content hash, and the bulk update of the
 * workspace index giving the same diagnostics as articles added one by one.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32 } from '../../../server/out/analysis/pack';
import { Articles } from '../../../server/out/workspace/articles';
import { AnalysisCache, snapshotChunk } from '../../../server/out/workspace/cache';
import { findArticles } from '../../../server/out/workspace/files';
import { indexFiles } from '../../../server/out/workspace/indexer';
import { SEEDS } from '../../helpers/lspClient';

describe('Indexing a workspace with workers and the analysis cache', function () {
  this.timeout(60000);
  let dir: string;
  let cacheRoot: string;
  const list = (): Array<{ uri: string; file: string }> => findArticles(dir).map((file) => ({ uri: pathToFileURL(file).toString(), file }));
  const diagnosticsOf = (a: Articles): string => JSON.stringify(a.uris().map((u) => [path.basename(u), a.index.diagnostics(u).map((d) => [d.code, d.start, d.end, d.message])]));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-index-'));
    cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-cache-'));
    // enough copies of the seeds that the pool of workers is used
    for (let k = 0; k < 4; k++) {
      for (const f of fs.readdirSync(SEEDS)) fs.writeFileSync(path.join(dir, `${k}-${f}`), `${fs.readFileSync(path.join(SEEDS, f), 'utf8')}\nCopy ${k}.\n`);
    }
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cacheRoot, { recursive: true, force: true });
  });

  const fresh = (): Articles => { const a = new Articles(); a.cache = new AnalysisCache(cacheRoot, 'test'); return a; };

  it('gives the same diagnostics from the workers in one bulk update as from adding the files one by one', async () => {
    const bulk = fresh();
    const { stats } = await indexFiles(bulk, list(), { manifestKey: dir });
    assert.equal(stats.analysed, 20);
    assert.ok(stats.workers >= 1, 'the worker pool was used');
    const one = new Articles();
    one.cache = new AnalysisCache(null);
    for (const { uri, file } of list()) one.setFile(uri, file);
    assert.equal(diagnosticsOf(bulk), diagnosticsOf(one));
    assert.ok(bulk.index.entities().length > 10);
  });

  const versioned = (): string => path.join(cacheRoot, 'test');
  const entryFiles = (): string[] => fs.readdirSync(versioned()).filter((s) => s !== 'manifests')
    .flatMap((sub) => fs.readdirSync(path.join(versioned(), sub)).map((f) => path.join(versioned(), sub, f)));
  const snapshotFiles = (): string[] => fs.readdirSync(path.join(versioned(), 'manifests')).map((f) => path.join(versioned(), 'manifests', f));
  /** Damage every record's entry inside a snapshot (the records' framing stays readable, their checksums fail). */
  const damageSnapshot = (file: string): void => {
    const b = fs.readFileSync(file);
    let damaged = 0;
    // header (8 bytes), then records: name length, name, size, mtime, hash (16), payload length, payload
    for (let p = 8; p + 4 <= b.length;) {
      const nameLen = b.readUInt32LE(p);
      if (nameLen === 0x45594c42) break; // the end mark
      const payload = p + 4 + nameLen + 8 + 8 + 16 + 4;
      const len = b.readUInt32LE(payload - 4);
      b[payload + Math.min(len - 1, 20)] ^= 0xff;
      damaged++;
      p = payload + len;
    }
    assert.ok(damaged >= 15);
    fs.writeFileSync(file, b);
  };

  /** Damage the packed entries inside a file (their checksums fail); how many. */
  const damageEntries = (file: string): number => {
    const b = fs.readFileSync(file);
    let damaged = 0;
    for (let i = 0; i + 4 <= b.length; i++) if (b.readUInt32LE(i) === 0x504c5942) { b[i + 20] ^= 0xff; damaged++; }
    fs.writeFileSync(file, b);
    return damaged;
  };

  it('starts the second time from the workspace snapshot, without reading the articles again', async () => {
    await indexFiles(fresh(), list(), { manifestKey: dir });
    assert.equal(snapshotFiles().length, 1);
    const warm = fresh();
    const second = await indexFiles(warm, list(), { manifestKey: dir });
    assert.equal(second.stats.fromCache, 20);
    assert.equal(second.stats.analysed, 0);
    assert.equal(second.stats.workers, 0, 'no worker was needed');
    const one = new Articles();
    one.cache = new AnalysisCache(null);
    for (const { uri, file } of list()) one.setFile(uri, file);
    assert.equal(diagnosticsOf(warm), diagnosticsOf(one));
    for (const { uri } of list()) assert.deepEqual(warm.entry(uri)!.lines, one.entry(uri)!.lines);
  });

  it('decodes copies of one article from the snapshot once: each copy has its own uri and problems, and the same analysis', async () => {
    const original = list()[0].file;
    for (let k = 0; k < 3; k++) fs.copyFileSync(original, path.join(dir, `copy${k}-${path.basename(original)}`));
    await indexFiles(fresh(), list(), { manifestKey: dir });
    const warm = fresh();
    const r = await indexFiles(warm, list(), { manifestKey: dir });
    assert.equal(r.stats.fromCache, 23);
    const copies = list().filter((f) => fs.readFileSync(f.file, 'utf8') === fs.readFileSync(original, 'utf8'));
    assert.equal(copies.length, 4);
    const docs = copies.map((f) => warm.doc(f.uri)!);
    const one = new Articles();
    one.cache = new AnalysisCache(null);
    for (const { uri, file } of list()) one.setFile(uri, file);
    for (let k = 0; k < docs.length; k++) {
      assert.equal(docs[k].uri, copies[k].uri);
      assert.deepEqual(JSON.parse(JSON.stringify(docs[k])), JSON.parse(JSON.stringify(one.doc(copies[k].uri))));
      if (k > 0) assert.notEqual(docs[k].problems, docs[0].problems, 'each copy has its own problems list');
    }
    assert.equal(diagnosticsOf(warm), diagnosticsOf(one));
  });

  it('takes the entries by content hash when the snapshot is damaged, and re-analyses entries corrupted on disk', async () => {
    await indexFiles(fresh(), list(), { manifestKey: dir });
    damageSnapshot(snapshotFiles()[0]);
    const warm = fresh();
    const second = await indexFiles(warm, list(), { manifestKey: dir });
    assert.equal(second.stats.fromCache, 20);
    assert.equal(second.stats.analysed, 0);
    // corrupt every entry and the snapshot: they are ignored and the articles analysed again, with the same result
    for (const f of entryFiles()) fs.writeFileSync(f, '{"hash": "broken');
    for (const f of snapshotFiles()) fs.writeFileSync(f, 'BLYS\u0001\u0000\u0000\u0000garbage');
    const third = fresh();
    const r = await indexFiles(third, list(), { manifestKey: dir });
    assert.equal(r.stats.fromCache, 0);
    assert.equal(r.stats.analysed, 20);
    assert.equal(diagnosticsOf(third), diagnosticsOf(warm));
    // an entry damaged inside the log (its record still whole) fails its checksum: analysed again
    assert.ok(entryFiles().reduce((n, f) => n + damageEntries(f), 0) >= 20);
    damageSnapshot(snapshotFiles()[0]);
    const fourth = fresh();
    const r4 = await indexFiles(fourth, list(), { manifestKey: dir });
    assert.equal(r4.stats.analysed, 20);
    assert.equal(diagnosticsOf(fourth), diagnosticsOf(warm));
    // the entries stored again, in newer logs, are the ones found next time (not the damaged first copies)
    for (const f of snapshotFiles()) fs.rmSync(f);
    const r5 = await indexFiles(fresh(), list(), { manifestKey: dir });
    assert.equal(r5.stats.fromCache, 20);
  });

  it('keeps the entries before the cut of a log cut short, and analyses the rest again', async () => {
    await indexFiles(fresh(), list(), { manifestKey: dir });
    const logs = entryFiles();
    assert.ok(logs.length >= 1 && logs.length <= 3, 'one log per writer, not one file per article');
    assert.ok(logs.every((f) => f.endsWith('.log')));
    for (const f of logs) { const b = fs.readFileSync(f); fs.writeFileSync(f, b.subarray(0, (b.length >> 1) + 7)); }
    for (const f of snapshotFiles()) fs.rmSync(f);
    const a = fresh();
    const r = await indexFiles(a, list(), { manifestKey: dir });
    assert.ok(r.stats.fromCache > 0 && r.stats.fromCache < 20, `${r.stats.fromCache} from the cache`);
    assert.equal(r.stats.fromCache + r.stats.analysed, 20);
    const one = new Articles();
    one.cache = new AnalysisCache(null);
    for (const { uri, file } of list()) one.setFile(uri, file);
    assert.equal(diagnosticsOf(a), diagnosticsOf(one));
    // the ones analysed again were appended: every article is in the cache now
    for (const f of snapshotFiles()) fs.rmSync(f);
    const b = await indexFiles(fresh(), list(), { manifestKey: dir });
    assert.equal(b.stats.fromCache, 20);
  });

  it('analyses again an entry whose checksum holds but whose body does not decode', async () => {
    await indexFiles(fresh(), list(), { manifestKey: dir });
    let broken = 0;
    for (const f of entryFiles()) {
      const b = fs.readFileSync(f);
      // log records: "BLYR", hash (16), length, entry; each entry's body garbled and its checksum made to match
      for (let p = 0; p + 24 <= b.length; p += 24 + b.readUInt32LE(p + 20)) {
        assert.equal(b.readUInt32LE(p), 0x52594c42);
        const entry = b.subarray(p + 24, p + 24 + b.readUInt32LE(p + 20));
        entry.fill(0xff, 12);
        entry.writeUInt32LE(crc32(entry.subarray(12)) >>> 0, 8);
        broken++;
      }
      fs.writeFileSync(f, b);
    }
    assert.equal(broken, 20);
    for (const f of snapshotFiles()) fs.rmSync(f);
    const a = fresh();
    const r = await indexFiles(a, list(), { manifestKey: dir });
    assert.equal(r.stats.fromCache, 0);
    assert.equal(r.stats.analysed, 20);
    assert.equal(a.index.size, 20);
    const one = new Articles();
    one.cache = new AnalysisCache(null);
    for (const { uri, file } of list()) one.setFile(uri, file);
    assert.equal(diagnosticsOf(a), diagnosticsOf(one));
  });

  it('finds in the cache the copy of an article another writer stored a moment before', () => {
    const writer = new AnalysisCache(cacheRoot, 'test');
    const reader = new AnalysisCache(cacheRoot, 'test');
    assert.equal(reader.readRaw('0123456789abcdef'), undefined);
    writer.writeRaw('0123456789abcdef', new Uint8Array([1, 2, 3]));
    writer.writeRaw('fedcba9876543210', new Uint8Array([4, 5]));
    writer.release();
    const until = Date.now() + 100;
    while (Date.now() < until) { /* past the reader's pause between looks at the logs */ }
    assert.deepEqual([...reader.readRaw('fedcba9876543210')!], [4, 5]);
    assert.deepEqual([...reader.readRaw('0123456789abcdef')!], [1, 2, 3]);
    // written again after its release, to the same log
    writer.writeRaw('00000000000000aa', new Uint8Array([9]));
    assert.deepEqual([...writer.readRaw('00000000000000aa')!], [9]);
    writer.release();
    assert.equal(entryFiles().length, 1);
  });

  it('indexes when the cache cannot be written (its directory is a file), storing nothing', async () => {
    const blocked = path.join(cacheRoot, 'not-a-directory');
    fs.writeFileSync(blocked, 'x');
    const a = new Articles();
    a.cache = new AnalysisCache(blocked, 'test');
    const r = await indexFiles(a, list(), { manifestKey: dir });
    assert.equal(r.stats.analysed, 20);
    assert.equal(a.index.size, 20);
    const again = new Articles();
    again.cache = new AnalysisCache(blocked, 'test');
    assert.equal((await indexFiles(again, list(), { manifestKey: dir })).stats.analysed, 20);
  });

  it('a truncated snapshot, or one with a record larger than itself, still gives every article from the cache', async () => {
    await indexFiles(fresh(), list(), { manifestKey: dir });
    const snap = snapshotFiles()[0];
    const b = fs.readFileSync(snap);
    fs.writeFileSync(snap, b.subarray(0, Math.floor(b.length * 0.6)));
    const a = fresh();
    const r = await indexFiles(a, list(), { manifestKey: dir });
    assert.equal(r.stats.fromCache, 20, 'the rest came from the entries by content hash');
    assert.equal(r.stats.analysed, 0);
    assert.equal(a.index.size, 20);
    // a record that claims to be larger than the whole snapshot ends the reading there
    const b2 = fs.readFileSync(snap);
    const lenAt = 8 + 4 + b2.readUInt32LE(8) + 32;
    b2.writeUInt32LE(0xfffffff0, lenAt);
    fs.writeFileSync(snap, b2);
    const r2 = await indexFiles(fresh(), list(), { manifestKey: dir });
    assert.equal(r2.stats.fromCache, 20);
    assert.equal(r2.stats.analysed, 0);
  });

  it('keeps a new analyzer or model version from reading old entries', async () => {
    await indexFiles(fresh(), list(), { manifestKey: dir });
    const other = new Articles();
    other.cache = new AnalysisCache(cacheRoot, 'another-model');
    const r = await indexFiles(other, list(), { manifestKey: dir });
    assert.equal(r.stats.fromCache, 0);
    assert.equal(r.stats.analysed, 20);
  });

  it('notices a file changed on disk since it was cached and forgets one deleted', async () => {
    await indexFiles(fresh(), list(), { manifestKey: dir });
    const files = list();
    fs.appendFileSync(files[0].file, '\nGeneral Ivan Popov said nothing more.\n');
    fs.rmSync(files[1].file);
    const a = fresh();
    const r = await indexFiles(a, list(), { manifestKey: dir });
    assert.equal(r.stats.files, 19);
    assert.equal(r.stats.fromCache, 18);
    assert.equal(r.stats.analysed, 1);
    assert.equal(a.index.doc(files[1].uri), undefined);
    assert.equal(a.index.doc(files[0].uri)!.length, fs.readFileSync(files[0].file, 'utf8').length);
    // the snapshot written then holds the 18 unchanged articles and the changed one
    const again = await indexFiles(fresh(), list(), { manifestKey: dir });
    assert.equal(again.stats.fromCache, 19);
    assert.equal(again.stats.workers, 0);
  });

  it('reads and writes a snapshot in chunks smaller than one article and gets the same analyses', async () => {
    const first = fresh();
    await indexFiles(first, list(), { manifestKey: dir });
    const saved = snapshotChunk.bytes;
    try {
      snapshotChunk.bytes = 1000;
      fs.appendFileSync(list()[3].file, '\nOne more line.\n');
      const second = fresh();
      const r = await indexFiles(second, list(), { manifestKey: dir }); // reads in small chunks, writes a new snapshot
      assert.equal(r.stats.fromCache, 19);
      const third = fresh();
      const r3 = await indexFiles(third, list(), { manifestKey: dir });
      assert.equal(r3.stats.fromCache, 20);
      assert.equal(r3.stats.workers, 0);
      for (const { uri } of list()) assert.deepEqual(third.doc(uri), second.doc(uri));
      assert.equal(diagnosticsOf(third), diagnosticsOf(second));
    } finally {
      snapshotChunk.bytes = saved;
    }
  });

  it('skips a file over the size limit with a message', async () => {
    const big = path.join(dir, 'huge.txt');
    fs.writeFileSync(big, 'word '.repeat(1000));
    const a = fresh();
    a.maxBytes = 4000;
    await indexFiles(a, list(), { manifestKey: dir });
    const uri = pathToFileURL(big).toString();
    assert.equal(a.index.doc(uri), undefined);
    assert.match(a.entry(uri)!.problems[0].message, /over the limit/);
  });
});
