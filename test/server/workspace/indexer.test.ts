/**
 * The cold index: worker threads, the on-disk cache by content hash, and the bulk update of the
 * workspace index giving the same diagnostics as articles added one by one.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Articles } from '../../../server/out/workspace/articles';
import { AnalysisCache } from '../../../server/out/workspace/cache';
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

  it('starts the second time from the cache, and re-analyses an entry that was corrupted on disk', async () => {
    await indexFiles(fresh(), list(), { manifestKey: dir });
    const warm = fresh();
    const second = await indexFiles(warm, list(), { manifestKey: dir });
    assert.equal(second.stats.fromCache, 20);
    assert.equal(second.stats.analysed, 0);
    // corrupt every entry: they are ignored and the articles analysed again, with the same result
    const versioned = path.join(cacheRoot, 'test');
    for (const sub of fs.readdirSync(versioned)) {
      if (sub === 'manifests') continue;
      for (const f of fs.readdirSync(path.join(versioned, sub))) fs.writeFileSync(path.join(versioned, sub, f), '{"hash": "broken');
    }
    const third = fresh();
    const r = await indexFiles(third, list(), { manifestKey: dir });
    assert.equal(r.stats.fromCache, 0);
    assert.equal(r.stats.analysed, 20);
    assert.equal(diagnosticsOf(third), diagnosticsOf(warm));
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
