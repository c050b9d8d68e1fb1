/**
 * The packed form of an analysis (cache entries, worker results): a lossless round trip, and a
 * damaged or foreign buffer rejected with a PackError, never half-read.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../../server/out/analysis/analyze';
import { lineStarts } from '../../../server/out/analysis/lines';
import { DocumentAnalysis } from '../../../server/out/analysis/model';
import {
  clearInterned, crc32, decodeBody, decodeEntry, decodeSnapshotPayload, encodeEntry, encodeSnapshotPayload, isPackedEntry, PackError, splitEntry,
} from '../../../server/out/analysis/pack';
import { ROOT, SEEDS } from '../../helpers/lspClient';
import { SEED_FILES } from '../../helpers/seeds';

function pack(doc: DocumentAnalysis, text: string): Uint8Array {
  const { uri, version, ...rest } = doc;
  void uri; void version;
  return new Uint8Array(encodeEntry({ hash: doc.hash, lines: lineStarts(text), doc: rest }));
}

function withoutUndefined<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function roundTrip(uri: string, text: string): void {
  const doc = analyzeDocument(uri, text, 3);
  const bytes = pack(doc, text);
  const back = decodeEntry(bytes, uri, 3, doc.hash);
  // an optional field the analysis set to undefined comes back absent (as it did from the JSON cache)
  assert.deepEqual(back.doc, withoutUndefined(doc), uri);
  assert.deepEqual(Array.from(back.lines), Array.from(lineStarts(text)));
  assert.equal(back.hash, doc.hash);
}

describe('Packing an analysis into bytes', () => {
  it('gives back a deep-equal analysis and line table for every seed article', () => {
    for (const f of SEED_FILES) roundTrip(f, fs.readFileSync(path.join(SEEDS, f), 'utf8'));
  });

  const polnear = path.resolve(ROOT, '..', 'shared', 'data', 'polnear', 'dev', 'text');
  (fs.existsSync(polnear) ? it : it.skip)('gives back a deep-equal analysis for PolNeAR articles', function () {
    this.timeout(60000);
    const files = fs.readdirSync(polnear).filter((f) => f.endsWith('.txt')).sort().slice(0, 40);
    assert.ok(files.length > 0);
    for (const f of files) roundTrip(f, fs.readFileSync(path.join(polnear, f), 'utf8'));
  });

  it('keeps every optional field, unusual numbers and strings outside Latin-1, lone surrogates included', () => {
    const text = 'x'.repeat(200);
    const doc: DocumentAnalysis = {
      uri: 'u', version: 1, hash: '0123456789abcdef', length: 200,
      metadata: { title: 'Заголовок “quoted”', outlet: 'Outlet', date: '2023-07-01', titleSpan: { start: 0, end: 5 }, outletSpan: { start: 6, end: 9 }, dateSpan: { start: 10, end: 20 } },
      mentions: [
        { start: 30, end: 35, text: 'Popov', type: 'PER', local: 0, confidence: 0.123456, annotated: 'confirm',
          title: { start: 21, end: 29, text: 'Maj Gen', normalized: 'major general', rank: 7 }, role: { start: 36, end: 60, text: 'the commander\ud800 of it' } },
        { start: 2, end: 4, text: 'Kyiv', type: 'LOC', local: -1, qualifier: 'region', confidence: Math.PI },
        { start: 70, end: 80, text: 'July 2023', type: 'DATE', local: 1, value: '2023-07', confidence: 0 },
        { start: 81, end: 82, text: '', type: 'MISC', local: 2, confidence: -0.5, annotated: 'add' },
      ],
      quotes: [
        { start: 100, end: 150, text: 'We will hold — “no matter what”', kind: 'direct', paragraph: 2, unbalanced: true,
          cue: { start: 151, end: 155, text: 'said', lemma: 'say' }, speaker: { start: 156, end: 161, text: 'Popov', local: 0, via: 'explicit' } },
        { start: 160, end: 170, text: 'more', kind: 'partial', paragraph: 3, continuesFrom: 0, speaker: { start: 171, end: 173, text: 'he', local: -1, via: 'pronoun' } },
        { start: 175, end: 180, text: 'claims', kind: 'indirect', paragraph: 3, cue: { start: 181, end: 185, text: 'according to', lemma: 'according to' } },
      ],
      entities: [
        { type: 'PER', name: 'Ivan Popov', mentions: [0, 3, 9], aliases: ['Ivan Popov', 'Popov'], titles: [{ start: 21, end: 29, text: 'Maj Gen', normalized: 'major general' }] },
        { type: 'DATE', name: 'July 2023', mentions: [2], aliases: ['July 2023'], titles: [] },
        { type: 'MISC', name: '', mentions: [], aliases: [], titles: [] },
      ],
      claims: [
        { start: 40, end: 90, local: 0, predicate: 'killed', hedged: true, hedge: 'is said to', text: 'is said to have been killed',
          date: { start: 91, end: 99, value: '2023-07-01' }, place: { start: 2, end: 4, text: 'Kyiv', local: -1 } },
        { start: 40, end: 60, local: 0, predicate: 'age', hedged: false, text: '47-year-old', value: 47.5 },
      ],
      paragraphs: [{ start: 0, end: 99 }, { start: 101, end: 200 }],
      problems: [{ code: 'unbalanced-quote', message: 'A quote is not closed.', start: 100, end: 101 }],
    };
    const { uri, version, ...rest } = doc;
    void uri; void version;
    const bytes = encodeEntry({ hash: doc.hash, lines: [0, 50, 120], doc: rest });
    const back = decodeEntry(bytes, 'u', 1);
    assert.deepEqual(back.doc, doc);
    assert.deepEqual(Array.from(back.lines), [0, 50, 120]);
  });

  it('gives back strings equal in length and ends but different inside, and Latin-1 strings shared by entries, each as written', () => {
    // long strings are found again by a hash of their ends and every eighth byte: two that differ only
    // in a byte the hash skips must still come back as themselves, from one entry and from the next
    const base = 'The minister said the talks would resume next week after the holiday ' + 'x'.repeat(60);
    const texts = [base, base.slice(0, 70) + 'y' + base.slice(71), base.slice(0, 71) + 'z' + base.slice(72), 'Popov', 'Popova', 'Pópov', ''];
    const entry = (order: string[]): Uint8Array => {
      const doc: DocumentAnalysis = {
        uri: 'u', version: 1, hash: '0123456789abcdef', length: 1000, metadata: {},
        mentions: order.map((t, i) => ({ start: i * 10, end: i * 10 + 5, text: t, type: 'PER', local: -1 })),
        quotes: [], entities: [], claims: [], paragraphs: [], problems: [],
      };
      const { uri, version, ...rest } = doc;
      void uri; void version;
      return new Uint8Array(encodeEntry({ hash: doc.hash, lines: [0], doc: rest }));
    };
    clearInterned();
    for (const order of [texts, [...texts].reverse(), texts]) {
      const back = decodeEntry(entry(order), 'u', 1);
      assert.deepEqual(back.doc.mentions.map((m) => m.text), order);
    }
  });

  it('stores entries in a snapshot with one string table: each decodes as it was, and a damaged one is rejected without changing the table', () => {
    const texts = SEED_FILES.map((f) => fs.readFileSync(path.join(SEEDS, f), 'utf8'));
    const docs = texts.map((t, i) => analyzeDocument(`u${i}`, t, 2));
    const strings: string[] = [];
    const written: string[] = [];
    const ids = new Map<string, number>();
    const payloads = docs.map((d, i) => {
      const { table, body } = splitEntry(pack(d, texts[i]));
      const fresh: string[] = [];
      const refs = table.map((s) => { let id = ids.get(s); if (id === undefined) { id = ids.size; ids.set(s, id); fresh.push(s); written.push(s); } return id; });
      return encodeSnapshotPayload(fresh, refs, body);
    });
    // the later entries define fewer new strings: the names and words the seeds share are stored once
    assert.ok(written.length < payloads.reduce((n, p, i) => n + splitEntry(pack(docs[i], texts[i])).table.length, 0));
    for (let i = 0; i < docs.length; i++) {
      if (i === 2) {
        const bad = payloads[i].slice();
        bad[bad.length >> 1] ^= 0x5a;
        const before = strings.length;
        assert.throws(() => decodeSnapshotPayload(bad, strings), PackError);
        assert.equal(strings.length, before);
      }
      const { table, body } = decodeSnapshotPayload(payloads[i], strings);
      const back = decodeBody(body, table, `u${i}`, 2, docs[i].hash);
      assert.deepEqual(back.doc, withoutUndefined(docs[i]));
    }
    assert.deepEqual(strings, written);
    // a table id beyond the strings known is rejected
    assert.throws(() => decodeSnapshotPayload(encodeSnapshotPayload([], [strings.length + 5], new Uint8Array(0)), strings), PackError);
  });

  it('refuses to pack a field it does not know rather than dropping it', () => {
    const doc = analyzeDocument('seed', fs.readFileSync(path.join(SEEDS, SEED_FILES[0]), 'utf8'));
    const { uri, version, ...rest } = doc;
    void uri; void version;
    (rest.mentions[0] as unknown as Record<string, unknown>).novel = 1;
    assert.throws(() => encodeEntry({ hash: doc.hash, lines: [0], doc: rest }), PackError);
  });

  describe('a damaged buffer', () => {
    const text = fs.readFileSync(path.join(SEEDS, SEED_FILES[0]), 'utf8');
    const doc = analyzeDocument('seed', text);
    const good = pack(doc, text);

    it('is rejected when truncated at any length', () => {
      for (let n = 0; n < good.length; n += Math.max(1, Math.floor(good.length / 300))) {
        assert.throws(() => decodeEntry(good.subarray(0, n), 'seed', 0), PackError, `cut at ${n}`);
      }
      assert.equal(isPackedEntry(good.subarray(0, good.length - 1)), false);
      assert.equal(isPackedEntry(good), true);
    });

    it('is rejected when any byte is changed', () => {
      for (let i = 0; i < good.length; i += Math.max(1, Math.floor(good.length / 300))) {
        const bad = good.slice();
        bad[i] ^= 0x5a;
        assert.throws(() => decodeEntry(bad, 'seed', 0), PackError, `byte ${i}`);
      }
    });

    it('is rejected when it is JSON, another format version or the entry of another text', () => {
      assert.throws(() => decodeEntry(Buffer.from(JSON.stringify(doc)), 'seed', 0), PackError);
      const other = good.slice();
      other[4] = 99;
      assert.throws(() => decodeEntry(other, 'seed', 0), PackError);
      assert.throws(() => decodeEntry(good, 'seed', 0, 'ffffffffffffffff'), PackError);
      assert.throws(() => decodeEntry(new Uint8Array(0), 'seed', 0), PackError);
    });

    it('with a valid checksum but a broken body is still rejected, not half-read', () => {
      // rewrite the checksum after damaging the body: only the body's own checks stand in the way
      let rejected = 0;
      for (let i = 12; i < good.length; i += Math.max(1, Math.floor(good.length / 200))) {
        const bad = good.slice();
        bad[i] = 0xff;
        new DataView(bad.buffer).setUint32(8, crc32(bad.subarray(12)), true);
        try {
          const r = decodeEntry(bad, 'seed', 0);
          assert.equal(typeof r.doc.length, 'number'); // decoded into something well-formed
        } catch (e) {
          assert.ok(e instanceof PackError, `byte ${i}: ${(e as Error).message}`);
          rejected++;
        }
      }
      assert.ok(rejected > 0);
    });
  });
});
