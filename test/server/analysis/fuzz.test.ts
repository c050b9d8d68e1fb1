/**
 * Property tests of the analysis core with fast-check: on arbitrary text (any unicode, lone surrogate
 * halves, quotation marks, newlines, long runs of punctuation) the analysis never throws, every range
 * lies inside the text, and the result is the same when run twice. The linking and the workspace index
 * are fuzzed on random small workspaces. Fixed seed, bounded runs: the counts are in the test names.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDocument } from '../../../server/out/analysis/analyze';
import { DocumentAnalysis, Span } from '../../../server/out/analysis/model';
import { WorkspaceIndex } from '../../../server/out/analysis/workspace';
import { makeAnchor } from '../../../server/out/annotations/anchor';
import { applyAnnotations } from '../../../server/out/annotations/apply';
import { annotateMention, markDifferent, markSame } from '../../../server/out/annotations/format';
import { emptyStore } from '../../../server/out/annotations/model';
import { codeActions } from '../../../server/out/features/codeActions';
import { codeLenses } from '../../../server/out/features/codeLens';
import { definition } from '../../../server/out/features/definition';
import { diagnostics } from '../../../server/out/features/diagnostics';
import { documentHighlight } from '../../../server/out/features/documentHighlight';
import { documentSymbols } from '../../../server/out/features/documentSymbols';
import { hover } from '../../../server/out/features/hover';
import { references } from '../../../server/out/features/references';
import { semanticTokens } from '../../../server/out/features/semanticTokens';
import { Articles } from '../../../server/out/workspace/articles';

const SEED = 20261121;
const RUNS = Number(process.env.BYLINE_FUZZ_RUNS ?? 300);

const NAMES = ['Ivan Popov', 'Popov', 'Maj Gen Ivan Popov', 'Andrei Gurulyov', 'Andrey Gurulev', 'General Gerasimov', 'Wagner Group',
  'the Kremlin', 'Institute for the Study of War (ISW)', 'ISW', 'Moscow', 'Ukraine', '13 July 2023', 'on Friday', 'Sergei Shoigu', 'Reuters\'',
  'Popov\u2019s', 'U.S.', 'Defence Minister Shoigu', 'the 58th Army', 'Ivan'];
const PIECES = [' said', ' says', ' told reporters', ', he said.', ' "', '"', '\u201c', '\u201d', '\u2018', '\u2019', '\'', '.', ',', ':', ';',
  '\n', '\n\n', '\r\n', '\r', '\t', ' ', '  ', '—', '–', '-', '...', '\u2026', '(', ')', '!!!!!!!!', '??', '\ufeff', '\u00a0', '\u200b',
  '\ud800', '\udc00', '\ud83d\ude00', '\u0301', 'Maj.', 'Gen.', 'is said to have been killed', 'was dismissed', 'according to', 'é', 'İ', 'ß', 'ﬁ'];

/** Text that looks a little like an article: names, cue verbs and quotation marks mixed with any unicode. */
const articleish = fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('.', '"', '\u201c', '-', '\n', '!', '*').chain((c) => fc.integer({ min: 50, max: 3000 }).map((n) => c.repeat(n))) },
), { maxLength: 80 }).map((parts) => parts.join(''));

const anyText = fc.oneof(articleish, fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'binary-ascii', maxLength: 400 }));

function inside(text: string, s: Span | undefined, what: string): void {
  if (!s) return;
  assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: offsets are not integers (${s.start}, ${s.end})`);
  assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end, `${what} [${s.start}, ${s.end}) lies outside the text of length ${text.length}`);
}

function checkRanges(text: string, doc: DocumentAnalysis): void {
  assert.equal(doc.length, text.length);
  doc.mentions.forEach((m, i) => {
    inside(text, m, `mention ${i}`);
    assert.ok(m.end > m.start, `mention ${i} is empty`);
    assert.equal(m.text, text.slice(m.start, m.end), `mention ${i} text differs from its span`);
    inside(text, m.title, `title of mention ${i}`);
    inside(text, m.role, `role of mention ${i}`);
    assert.ok(m.local >= 0 && m.local < doc.entities.length, `mention ${i} has no local entity (${m.local})`);
  });
  doc.quotes.forEach((q, i) => {
    inside(text, q, `quote ${i}`);
    inside(text, q.speaker, `speaker of quote ${i}`);
    inside(text, q.cue, `cue of quote ${i}`);
    if (q.speaker) assert.ok(q.speaker.local >= -1 && q.speaker.local < doc.entities.length, `speaker of quote ${i} points nowhere`);
  });
  doc.claims.forEach((c, i) => inside(text, c, `claim ${i}`));
  doc.paragraphs.forEach((p, i) => inside(text, p, `paragraph ${i}`));
  inside(text, doc.metadata.titleSpan, 'article title');
  inside(text, doc.metadata.outletSpan, 'outlet');
  inside(text, doc.metadata.dateSpan, 'article date');
  doc.entities.forEach((e, i) => e.mentions.forEach((k) => assert.ok(k >= 0 && k < doc.mentions.length, `entity ${i} lists a missing mention`)));
}

describe(`Fuzzing the analysis core (fast-check, seed ${SEED})`, function () {
  this.timeout(600000);

  it(`analyses ${RUNS} arbitrary texts without throwing, with every range inside the text, deterministically`, () => {
    fc.assert(fc.property(anyText, (text) => {
      const a = analyzeDocument('fuzz.txt', text, 1);
      checkRanges(text, a);
      const b = analyzeDocument('fuzz.txt', text, 1);
      assert.deepEqual(b, a, 'a second analysis of the same text differs');
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true });
  });

  it(`links ${Math.ceil(RUNS / 3)} random small workspaces: every mention resolves, updates and removals leave the index consistent`, () => {
    const workspace = fc.array(articleish, { minLength: 1, maxLength: 5 });
    fc.assert(fc.property(workspace, fc.array(fc.nat(), { maxLength: 6 }), (texts, edits) => {
      const index = new WorkspaceIndex();
      const docs = texts.map((t, i) => analyzeDocument(`doc${i}.txt`, t, 1));
      for (const d of docs) index.set(d);
      const check = (): void => {
        for (const uri of index.uris()) {
          const doc = index.doc(uri)!;
          doc.entities.forEach((e, local) => {
            if (e.type === 'DATE') return;
            const g = index.entityFor(uri, local);
            assert.ok(g, `${uri} entity ${local} (${e.name}) is not linked`);
            assert.ok(g.members.some((m) => m.uri === uri && m.local === local));
          });
          for (const d of index.diagnostics(uri)) {
            inside(index.doc(d.uri) ? 'x'.repeat(index.doc(d.uri)!.length) : '', d, `disagreement ${d.code}`);
            for (const r of d.related) {
              assert.ok(index.doc(r.uri), `related information points at a missing document ${r.uri}`);
              inside('x'.repeat(index.doc(r.uri)!.length), r, `related ${d.code}`);
            }
          }
        }
        for (const g of index.entities()) for (const m of g.members) assert.ok(index.doc(m.uri), `entity ${g.id} keeps a removed document`);
        // the quote matches kept by the index are the ones matching afresh would find
        for (const uri of index.uris()) {
          index.doc(uri)!.quotes.forEach((q, qi) => {
            const fresh = index.sameQuotes(uri, q).map((m) => ({ uri: m.ref.uri, start: m.quote.start }));
            assert.deepEqual(q.kind === 'direct' ? index.sameQuotePlaces(uri, qi) : [], fresh, `kept matches of ${uri} quote ${qi}`);
          });
        }
        // the diagnostics kept up to date edit by edit are those of an index built afresh (entity ids aside)
        const fresh = new WorkspaceIndex();
        fresh.setMany(index.uris().map((u) => index.doc(u)!));
        const shown = (w: WorkspaceIndex, uri: string): string[] => w.diagnostics(uri).map((d) =>
          `${d.code} ${d.severity} ${d.start}-${d.end} ${d.message} ${d.related.map((r) => `${r.uri}:${r.start}-${r.end} ${r.message}`).join('; ')}`);
        for (const uri of index.uris()) assert.deepEqual(shown(index, uri), shown(fresh, uri), `diagnostics of ${uri}`);
      };
      check();
      // edits: replace, remove and re-add documents in a random order
      const current = new Map(texts.map((t, i) => [`doc${i}.txt`, t]));
      for (const e of edits) {
        const i = e % texts.length;
        if (e % 3 === 0) { index.remove(`doc${i}.txt`); current.delete(`doc${i}.txt`); } else {
          current.set(`doc${i}.txt`, texts[(i + e) % texts.length]);
          index.set(analyzeDocument(`doc${i}.txt`, texts[(i + e) % texts.length], e + 2));
        }
        check();
      }
      // typing outside the quotes (a sentence, then reported speech, at the start): quotes keep their matches
      for (const [uri, text] of current) {
        for (const insert of ['The talks went on. ', 'Officials said the talks would continue. ']) {
          const next = insert + current.get(uri)!;
          current.set(uri, next);
          index.set(analyzeDocument(uri, next, 99));
          check();
        }
        void text;
      }
      // the same workspace built from scratch in another order gives the same entities
      const fresh = new WorkspaceIndex();
      for (const uri of [...index.uris()].reverse()) fresh.set(index.doc(uri)!);
      const names = (w: WorkspaceIndex): string[] => w.entities().map((g) => `${g.type}:${g.name}:${g.mentionCount}`).sort();
      assert.deepEqual(names(fresh), names(index));
    }), { seed: SEED, numRuns: Math.ceil(RUNS / 3), endOnFailure: true });
  });

  it(`answers every LSP feature at random positions of ${Math.ceil(RUNS / 3)} random annotated workspaces without throwing, ranges inside the lines`, () => {
    const arb = fc.tuple(fc.array(articleish, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(30), fc.constantFrom('confirm', 'reject', 'add')), { maxLength: 5 }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }), fc.boolean());
    fc.assert(fc.property(arb, ([texts, anns, positions, merge]) => {
      const articles = new Articles();
      let store = emptyStore();
      for (const [d, at, len, action] of anns) {
        const t = texts[d % texts.length];
        const start = t.length ? at % t.length : 0;
        store = annotateMention(store, `doc${d % texts.length}.txt`, action as 'add', makeAnchor(t, start, Math.min(t.length, start + len + 1)), 'PER');
      }
      articles.annotate = (uri: string, text: string, doc: DocumentAnalysis) => applyAnnotations(doc, text, store.documents[uri], uri);
      texts.forEach((t, i) => articles.setText(`doc${i}.txt`, t, 1));
      if (merge) {
        const names = articles.index.entities().map((g) => g.name);
        if (names.length >= 2) articles.index.setOverrides(markDifferent(markSame(emptyStore(), names[0], names[names.length - 1]), names[0], names[1] ?? names[0]));
      }
      for (const [d, at] of positions) {
        const uri = `doc${d % texts.length}.txt`;
        const lines = texts[d % texts.length].split(/\r\n|\r|\n/);
        const line = at % lines.length;
        const position = { line, character: lines[line].length ? (at * 7) % (lines[line].length + 1) : 0 };
        const range = { start: position, end: position };
        hover(articles, uri, position);
        definition(articles, uri, position);
        references(articles, uri, position, { includeDeclaration: true });
        documentHighlight(articles, uri, position);
        const diags = diagnostics(articles, uri);
        for (const a of codeActions(articles, { textDocument: { uri }, range, context: { diagnostics: diags } })) assert.ok(a.title);
        for (const dg of diags) assert.ok(dg.range.start.line < lines.length && dg.range.end.line < lines.length, 'a diagnostic beyond the last line');
      }
      texts.forEach((_, i) => { documentSymbols(articles, `doc${i}.txt`); semanticTokens(articles, `doc${i}.txt`); codeLenses(articles, `doc${i}.txt`); });
    }), { seed: SEED, numRuns: Math.ceil(RUNS / 3), endOnFailure: true });
  });
});
