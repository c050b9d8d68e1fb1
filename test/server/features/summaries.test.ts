/**
 * The per-entity summaries behind hover, definition, references and code lenses: made once, kept
 * current through edits, and bounded for an entity that thousands of articles mention.
 */
import * as assert from 'node:assert/strict';
import { Hover, Location, MarkupContent } from 'vscode-languageserver';
import { definition, MAX_DEFINITIONS } from '../../../server/out/features/definition';
import { entities, entityDetails, MAX_DETAIL_SOURCES } from '../../../server/out/features/entities';
import { hover } from '../../../server/out/features/hover';
import { MAX_REFERENCES, references } from '../../../server/out/features/references';
import { summaryOf } from '../../../server/out/features/summaries';
import { workspaceSymbols } from '../../../server/out/features/workspaceSymbols';
import { Articles } from '../../../server/out/workspace/articles';
import { positionOf } from '../../helpers/lspClient';
import { SEED_FILES, seedText } from '../../helpers/seeds';

const value = (h: Hover | null): string => (h?.contents as MarkupContent).value;

function seedArticles(): Articles {
  const articles = new Articles();
  for (const f of SEED_FILES) articles.setText(`file:///seeds/${f}`, seedText(f.slice(0, 3)), 1);
  return articles;
}
const seedUri = (prefix: string): string => `file:///seeds/${SEED_FILES.find((f) => f.startsWith(prefix))}`;

/** A dated article that names Ivan Popov `times` times. */
function popovArticle(day: number, times: number): string {
  const lines = [`Army news ${day}`, '', 'Maj Gen Ivan Popov was dismissed last week, officials said.'];
  for (let i = 1; i < times; i++) lines.push(`Popov spoke to the troops again on day ${i}.`);
  return lines.join('\n') + '\n';
}

describe('Entity summaries for the editor requests', function () {
  this.timeout(120000);

  it('move the hover card\'s links and the definitions with an edit that keeps the linking', () => {
    const articles = seedArticles();
    const uri = seedUri('000'), other = seedUri('003');
    const at = positionOf(seedText('000'), 'Popov');
    const line = (md: string): number => Number(new RegExp(`\\(${other.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#L(\\d+)\\)`).exec(md)![1]);
    const before = value(hover(articles, uri, at));
    const defsBefore = definition(articles, uri, at)!.find((l) => l.uri === other)!;
    const entity = articles.index.mentionAt(uri, articles.offsetAt(uri, at))!.entity!;
    // three lines typed at the top of another article that names Popov
    articles.setText(other, 'Updated.\nMore to come.\n\n' + seedText('003'), 2);
    assert.equal(articles.index.mentionAt(uri, articles.offsetAt(uri, at))!.entity, entity, 'the edit was expected to keep the entity');
    const after = value(hover(articles, uri, at));
    assert.equal(line(after), line(before) + 3, after);
    const defsAfter = definition(articles, uri, at)!.find((l) => l.uri === other)!;
    assert.equal(defsAfter.range.start.line, defsBefore.range.start.line + 3);
  });

  it('name a new article carrying one of the entity\'s quotes in the hover card, though the entity itself did not change', () => {
    const articles = seedArticles();
    const uri = seedUri('000');
    const at = positionOf(seedText('000'), 'Popov');
    const entity = articles.index.mentionAt(uri, articles.offsetAt(uri, at))!.entity!;
    assert.doesNotMatch(value(hover(articles, uri, at)), /005\\_echo/);
    const quote = 'I had no right to lie, therefore I outlined all the problematic issues that exist in the military today in terms of combat work and support,';
    articles.setText('file:///seeds/005_echo.txt', `Echo Daily reprints a message\nBy Echo Daily | 2023-07-20\n\n"${quote}" the recording said.\n`, 1);
    assert.equal(articles.index.mentionAt(uri, articles.offsetAt(uri, at))!.entity, entity, 'the new article was expected to leave the entity as it was');
    assert.match(value(hover(articles, uri, at)), /“I had no right to lie[^\n]*· also in [^\n]*005\\_echo\.txt/);
  });

  it('keep one summary per entity while nothing changes and make a new one after an edit', () => {
    const articles = seedArticles();
    const uri = seedUri('000');
    const g = articles.index.mentionAt(uri, articles.offsetAt(uri, positionOf(seedText('000'), 'Popov')))!.entity!;
    const s = summaryOf(articles, g);
    assert.equal(summaryOf(articles, g), s);
    assert.deepEqual(s.parts.map((p) => p.count).reduce((a, b) => a + b, 0), s.mentions);
    articles.setText(seedUri('001'), seedText('001') + '\nPopov was not available for comment.\n', 2);
    const g2 = articles.index.mentionAt(uri, articles.offsetAt(uri, positionOf(seedText('000'), 'Popov')))!.entity!;
    const s2 = summaryOf(articles, g2);
    assert.notEqual(s2, s);
    assert.equal(s2.mentions, s.mentions + 1);
  });

  describe('in a workspace where 130 articles name one person', () => {
    let articles: Articles;
    const uris: string[] = [];
    before(() => {
      articles = new Articles();
      for (let i = 0; i < 130; i++) {
        const uri = `file:///many/${String(i).padStart(3, '0')}.txt`;
        uris.push(uri);
        articles.setText(uri, popovArticle(i, i === 77 ? 1 : 20), 1);
      }
    });
    const at = { line: 2, character: 'Maj Gen Ivan P'.length };

    it('lists the hovered article among the eight sources shown, even where it mentions the person least', () => {
      const md = value(hover(articles, uris[77], at));
      assert.match(md, /^\*\*Ivan Popov\*\* · person/);
      assert.match(md, /2,?5\d\d mentions in 130 articles|\d+ mentions in 130 articles/);
      const rows = md.split('\n').filter((l) => l.startsWith('- [') && /×\d+/.test(l));
      assert.equal(rows.length, 8);
      assert.ok(rows.some((r) => r.includes('077.txt') && r.includes('(this article) ×1')), md);
      assert.match(md, /- … and 122 more articles/);
    });

    it('goes to the first mention of the earliest articles only, one per article', () => {
      const defs = definition(articles, uris[0], at)!;
      assert.equal(defs.length, MAX_DEFINITIONS);
      assert.equal(new Set(defs.map((d) => d.uri)).size, MAX_DEFINITIONS);
      for (const d of defs) assert.equal(d.range.start.line, 2);
    });

    it('returns this article\'s references first, then whole articles up to the limit', () => {
      const refs = references(articles, uris[77], at, { includeDeclaration: true })!;
      assert.ok(refs.length <= MAX_REFERENCES && refs.length > MAX_REFERENCES - 20, `${refs.length} references`);
      assert.equal(refs[0].uri, uris[77]);
      const perUri = new Map<string, Location[]>();
      for (const r of refs) perUri.set(r.uri, [...(perUri.get(r.uri) ?? []), r]);
      for (const [u, list] of perUri) assert.equal(list.length, u === uris[77] ? 1 : 20, `${u} is cut`);
      const without = references(articles, uris[77], at, { includeDeclaration: false })!;
      assert.ok(without.every((r) => r.uri !== uris[77]));
    });

    it('lists every reference with no limit, says so when it stops at one, and streams every one in batches when asked for partial results', () => {
      const all = references(articles, uris[77], at, { includeDeclaration: true }, undefined, { limit: 0 })!;
      assert.equal(all.length, 129 * 20 + 1);
      const told: Array<[number, number, string]> = [];
      const some = references(articles, uris[77], at, { includeDeclaration: true }, undefined, { limit: 100, truncated: (...a) => told.push(a) })!;
      assert.equal(some.length, 81);
      assert.deepEqual(told, [[81, 129 * 20 + 1, 'Ivan Popov']]);
      const batches: Location[][] = [];
      const rest = references(articles, uris[77], at, { includeDeclaration: true }, undefined, { limit: 100, partial: (b) => batches.push(b) })!;
      assert.deepEqual(rest, []);
      assert.ok(batches.length >= 2, `${batches.length} batches`);
      assert.deepEqual(batches.flat(), all);
    });

    it('finds the person among the workspace symbols, and a person added later too', () => {
      assert.equal(workspaceSymbols(articles, 'popov')[0]?.name, 'Ivan Popov');
      assert.match(workspaceSymbols(articles, 'Popov')[0].containerName!, /130 articles/);
      articles.setText('file:///many/new.txt', 'Valery Gerasimov met Sergei Shoigu.\n', 1);
      assert.equal(workspaceSymbols(articles, 'Gerasim')[0]?.name, 'Valery Gerasimov');
      assert.equal(workspaceSymbols(articles, 'Gerasimov')[0]?.location.uri, 'file:///many/new.txt');
    });
  });

  it('tells what each source says for the earliest sources of a person in 310 articles, the asking article among them, and how many there are', () => {
    const articles = new Articles();
    const uris: string[] = [];
    for (let i = 0; i < 310; i++) {
      const uri = `file:///wide/${String(i).padStart(3, '0')}.txt`;
      uris.push(uri);
      articles.setText(uri, `Date: 2023-01-${String(1 + (i % 28)).padStart(2, '0')}\n\n` + popovArticle(i, 2), 1);
    }
    const at = { line: 4, character: 'Maj Gen Ivan P'.length };
    const d = entityDetails(articles, { textDocument: { uri: uris[309] }, position: at })!;
    assert.equal(d.name, 'Ivan Popov');
    assert.equal(d.totalSources, 310);
    assert.equal(d.sources.length, MAX_DETAIL_SOURCES);
    assert.ok(d.sources.some((x) => x.uri === uris[309]), 'the asking article is listed');
    assert.equal(d.mentions, 620);
    for (const x of d.sources) { assert.equal(x.mentions, 2); assert.deepEqual(x.names, ['Ivan Popov', 'Popov']); }
    const dates = d.sources.map((x) => x.date ?? '');
    assert.deepEqual(dates, [...dates].sort(), 'earliest first');
    const people = entities(articles).find((g) => g.type === 'PER')!.entities;
    const popov = people.find((e) => e.name === 'Ivan Popov')!;
    assert.equal(popov.articles, 310);
    assert.equal(popov.location?.uri, uris[0], 'the first mention is in the earliest article');
  });
});
