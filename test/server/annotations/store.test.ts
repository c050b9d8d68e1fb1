/**
 * The annotation store: anchors that survive edits, a strict schema with line and column in every
 * error, no prototype pollution, a stable diffable format, and the user's word applied on top of the
 * analysis.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDocument } from '../../../server/out/analysis/analyze';
import { WorkspaceIndex } from '../../../server/out/analysis/workspace';
import { makeAnchor, resolveAnchor } from '../../../server/out/annotations/anchor';
import { applyAnnotations } from '../../../server/out/annotations/apply';
import { annotateMention, ignoreDisagreement, markDifferent, markSame, serializeStore, setSpeaker } from '../../../server/out/annotations/format';
import { emptyStore } from '../../../server/out/annotations/model';
import { AnnotationFileError, parseStore } from '../../../server/out/annotations/schema';
import { seedText } from '../../helpers/seeds';

describe('Annotation anchors', () => {
  const text = 'Popov said one thing. Later, Popov said another thing, and Popov left.';

  it('finds the words where they were when the article is unchanged', () => {
    const at = text.indexOf('Popov', 30);
    assert.deepEqual(resolveAnchor(text, makeAnchor(text, at, at + 5)), { start: at, end: at + 5 });
  });

  it('follows the words when text is inserted before them, telling repeated words apart by their context', () => {
    const at = text.indexOf('Popov said another');
    const a = makeAnchor(text, at, at + 5);
    const edited = `BREAKING: a long new first paragraph was added here.\n\n${text.replace('one thing', 'one thing, twice')}`;
    const r = resolveAnchor(edited, a)!;
    assert.equal(edited.slice(r.start, r.end), 'Popov');
    assert.ok(edited.slice(r.end).startsWith(' said another'), 'anchored to the wrong Popov');
  });

  it('reports nothing found (undefined) when the words are gone', () => {
    const a = makeAnchor(text, 0, 5);
    assert.equal(resolveAnchor(text.replace(/Popov/g, 'Petrov'), a), undefined);
  });

  it('re-anchors every anchor of an unchanged random text exactly (fast-check, 200 runs, seed 7)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.nat(), fc.nat(), (t, x, y) => {
      if (t.length === 0) return;
      const s = x % t.length, e = s + 1 + (y % (t.length - s));
      const r = resolveAnchor(t, makeAnchor(t, s, e))!;
      assert.equal(t.slice(r.start, r.end), t.slice(s, e));
      assert.equal(r.start, s);
    }), { seed: 7, numRuns: 200 });
  });
});

describe('The annotation file format', () => {
  const text = seedText('000');
  const at = text.indexOf('Ivan Popov');

  it('writes sorted keys, a stable order, two-space indentation and a trailing newline, identically however the edits came', () => {
    let a = emptyStore();
    a = annotateMention(a, 'b.txt', 'reject', makeAnchor(text, 0, 5));
    a = annotateMention(a, 'a.txt', 'confirm', makeAnchor(text, at, at + 10), 'PER');
    a = markSame(a, 'Wagner Group', 'PMC Wagner');
    let b = emptyStore();
    b = markSame(b, 'PMC Wagner', 'Wagner Group');
    b = annotateMention(b, 'a.txt', 'confirm', makeAnchor(text, at, at + 10), 'PER');
    b = annotateMention(b, 'b.txt', 'reject', makeAnchor(text, 0, 5));
    const out = serializeStore(a);
    assert.equal(out, serializeStore(b));
    assert.ok(out.endsWith('}\n'));
    assert.match(out, /^\{\n {2}"different"/);
    assert.ok(out.indexOf('"a.txt"') < out.indexOf('"b.txt"'));
    // and it reads back to the same
    assert.equal(serializeStore(parseStore(out)), out);
  });

  it('keeps one word per span: a later annotation of the same words replaces the earlier one', () => {
    let s = annotateMention(emptyStore(), 'a.txt', 'confirm', makeAnchor(text, at, at + 10));
    s = annotateMention(s, 'a.txt', 'reject', makeAnchor(text, at, at + 10));
    assert.equal(s.documents['a.txt'].mentions.length, 1);
    assert.equal(s.documents['a.txt'].mentions[0].action, 'reject');
  });

  const broken: Array<[string, string, number, number, RegExp]> = [
    ['a missing comma', '{\n  "version": 1\n  "same": []\n}\n', 3, 3, /expected "," or "}"/],
    ['a string not closed', '{\n  "version": 1,\n  "same": [["a", "b\n]]}', 3, 20, /control character|not closed/],
    ['an unknown key', '{\n  "version": 1,\n  "sames": []\n}\n', 3, 3, /not a known key/],
    ['a wrong version', '{ "version": 2 }', 1, 3, /must be 1/],
    ['an unknown action', '{"version": 1, "documents": {"a.txt": {"mentions": [\n {"action": "maybe", "anchor": {"exact": "x", "start": 0}}]}}}', 2, 3, /confirm, reject, add/],
    ['an added mention without a type', '{"version": 1, "documents": {"a.txt": {"mentions": [\n {"action": "add", "anchor": {"exact": "x", "start": 0}}]}}}', 2, 2, /needs a "type"/],
    ['a path outside the folder', '{"version": 1, "documents": {"../etc/passwd": {}}}', 1, 30, /inside the workspace folder/],
    ['a key "__proto__"', '{"version": 1, "__proto__": {"polluted": true}}', 1, 16, /not allowed/],
    ['a key "constructor" deep inside', '{"version": 1, "documents": {"a.txt": {"constructor": {}}}}', 1, 40, /not allowed/],
    ['data nested 100000 deep', `{"version": 1, "same": ${'['.repeat(100000)}`, 1, 88, /nested more than 64 levels/],
    ['trailing garbage', '{"version": 1}\n}', 2, 1, /after the end/],
    ['a negative offset', '{"version": 1, "documents": {"a.txt": {"mentions": [{"action": "reject", "anchor": {"exact": "x", "start": -1}}]}}}', 1, 99, /whole number/],
  ];
  for (const [what, content, line, column, message] of broken) {
    it(`names the line and column of ${what}`, () => {
      assert.throws(() => parseStore(content), (e: unknown) => {
        assert.ok(e instanceof AnnotationFileError, String(e));
        assert.match(e.reason, message);
        assert.deepEqual([e.line, e.column], [line, column], e.message);
        return true;
      });
    });
  }

  it('never touches Object.prototype, whatever the file says', () => {
    for (const bad of ['{"version": 1, "__proto__": {"x": 1}}', '{"version": 1, "documents": {"__proto__": {"mentions": []}}}',
      '{"version": 1, "ignored": [{"key": "k", "prototype": 1}]}']) {
      assert.throws(() => parseStore(bad), AnnotationFileError);
    }
    assert.equal(({} as Record<string, unknown>).x, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('parses random bytes into an AnnotationFileError or a store, never anything else (fast-check, 500 runs, seed 11)', () => {
    fc.assert(fc.property(fc.oneof(fc.json(), fc.string({ unit: 'binary', maxLength: 100 })), (s) => {
      try { parseStore(s); } catch (e) { assert.ok(e instanceof AnnotationFileError, `${s}: ${e}`); }
    }), { seed: 11, numRuns: 500 });
  });
});

describe('Applying annotations to an analysis', () => {
  const text = seedText('000');
  const base = analyzeDocument('000.txt', text);

  it('rejects a mention, changes a type, adds a missed one, and keeps entities and quotes consistent', () => {
    const tv = base.mentions.find((m) => m.text === 'Donetsk')!;
    const russian = base.mentions.find((m) => m.text === 'Russian')!;
    const missed = text.indexOf('voice message');
    let s = annotateMention(emptyStore(), '000.txt', 'reject', makeAnchor(text, tv.start, tv.end));
    s = annotateMention(s, '000.txt', 'confirm', makeAnchor(text, russian.start, russian.end), 'ORG');
    s = annotateMention(s, '000.txt', 'add', makeAnchor(text, missed, missed + 13), 'MISC');
    const { doc, orphans } = applyAnnotations(base, text, s.documents['000.txt'], '000.txt');
    assert.deepEqual(orphans, []);
    assert.ok(!doc.mentions.some((m) => m.start === tv.start), 'the rejected mention is still there');
    assert.equal(doc.mentions.find((m) => m.start === russian.start)!.type, 'ORG');
    // the other mentions of the retyped name follow it (one type per name within an article)
    const others = doc.mentions.filter((m) => m.text === 'Russian' && m.start !== russian.start);
    assert.ok(others.length > 0);
    assert.ok(others.every((m) => m.type === 'ORG'));
    const added = doc.mentions.find((m) => m.start === missed)!;
    assert.equal(added.text, 'voice message');
    assert.equal(added.annotated, 'add');
    doc.mentions.forEach((m, i) => assert.ok(doc.entities[m.local].mentions.includes(i)));
    assert.ok(doc.quotes.length > 0);
    // the input analysis is left as it was
    assert.ok(base.mentions.some((m) => m.start === tv.start));
  });

  it('sets the speaker of a quote and reports an anchor that no longer matches instead of dropping it', () => {
    const q = base.quotes.find((x) => x.kind === 'direct')!;
    let s = setSpeaker(emptyStore(), '000.txt', makeAnchor(text, q.start, q.end), 'Valery Gerasimov');
    s = annotateMention(s, '000.txt', 'reject', { exact: 'words that are not in the article', prefix: '', suffix: '', start: 10 });
    const { doc, orphans } = applyAnnotations(base, text, s.documents['000.txt'], '000.txt');
    const after = doc.quotes.find((x) => x.start === q.start)!;
    assert.equal(after.speaker?.via, 'annotation');
    assert.match(after.speaker!.text, /Gerasimov/);
    assert.equal(orphans.length, 1);
    assert.match(orphans[0].message, /could not find the words "words that are not in the article"/);
    assert.equal(s.documents['000.txt'].mentions.length, 1, 'the orphan stays in the store');
  });

  it('never throws and keeps every range inside the text for random annotations of random texts (fast-check, 300 runs, seed 3)', () => {
    const arb = fc.tuple(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.constantFrom('confirm', 'reject', 'add'), fc.constantFrom('PER', 'ORG', 'LOC', 'MISC', 'DATE')), { maxLength: 6 }));
    fc.assert(fc.property(arb, ([t, anns]) => {
      const doc = analyzeDocument('x.txt', t);
      let s = emptyStore();
      for (const [at, len, action, type] of anns) {
        const start = t.length ? at % t.length : 0;
        s = annotateMention(s, 'x.txt', action as 'add', makeAnchor(t, start, Math.min(t.length, start + len + 1)), type as 'PER');
      }
      if (doc.quotes[0]) s = setSpeaker(s, 'x.txt', makeAnchor(t, doc.quotes[0].start, doc.quotes[0].end + 1), 'Ivan Popov');
      const r = applyAnnotations(doc, t, s.documents['x.txt'], 'x.txt');
      for (const m of r.doc.mentions) { assert.ok(m.start >= 0 && m.end <= t.length && m.start < m.end); assert.ok(r.doc.entities[m.local]); }
      for (const q of r.doc.quotes) if (q.speaker) assert.ok(q.speaker.start >= 0 && q.speaker.end <= t.length);
    }), { seed: 3, numRuns: 300 });
  });
});

describe('Merges, splits and ignored disagreements in the workspace index', () => {
  const texts = ['000', '001', '002'].map((p) => [p, seedText(p)] as const);

  it('splits Gurulyov from Gurulev when the user says they are different, and merges them back', () => {
    const index = new WorkspaceIndex();
    for (const [p, t] of texts) index.set(analyzeDocument(`${p}.txt`, t));
    const gurulev = (): Set<string> => new Set(index.entities().filter((g) => /Guru/.test(g.name)).map((g) => g.id));
    assert.equal(gurulev().size, 1);
    assert.ok(index.diagnostics('000.txt').some((d) => d.code === 'spelling' && /Gurulyov/.test(d.message)));
    index.setOverrides(markDifferent(emptyStore(), 'Andrey Gurulev', 'Andrei Gurulyov'));
    assert.equal(gurulev().size, 2, 'still one entity after the split');
    assert.ok(!index.diagnostics('000.txt').some((d) => d.code === 'spelling' && /Gurulyov/.test(d.message)), 'the spelling diagnostic outlived the split');
    index.setOverrides({});
    assert.equal(gurulev().size, 1);
  });

  it('merges two entities the linker keeps apart', () => {
    const index = new WorkspaceIndex();
    for (const [p, t] of texts) index.set(analyzeDocument(`${p}.txt`, t));
    const popov = index.entities().find((g) => g.name === 'Ivan Popov')!;
    const other = index.entities().find((g) => g.type === 'PER' && g.id !== popov.id && !/Popov/.test(g.name))!;
    index.setOverrides({ same: [[popov.name, other.name]] });
    const merged = index.entities().filter((g) => g.aliases.includes('Ivan Popov') && g.aliases.some((a) => other.aliases.includes(a)));
    assert.equal(merged.length, 1);
  });

  it('leaves out an ignored disagreement in one article only', () => {
    const index = new WorkspaceIndex();
    for (const [p, t] of texts) index.set(analyzeDocument(`${p}.txt`, t));
    const d = index.diagnostics('000.txt').find((x) => x.code === 'spelling')!;
    const s = ignoreDisagreement(emptyStore(), { key: d.key, path: '000.txt' });
    index.configure({ ignored: s.ignored.map((i) => `${i.key}@${i.path}`) });
    assert.ok(!index.diagnostics('000.txt').some((x) => x.key === d.key));
  });
});
