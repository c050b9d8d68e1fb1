import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/out/analysis/analyze';
import { QuoteIndex, quoteDisagreementsOf } from '../../../server/out/analysis/disagreements/quotes';
import { WorkspaceIndex } from '../../../server/out/analysis/workspace';
import { seedIndex, seedText } from '../../helpers/seeds';

/** Every disagreement on the seeds as "file code severity: words it sits on". */
function published(index: WorkspaceIndex): string[] {
  const out: string[] = [];
  for (const uri of index.uris()) {
    const text = seedText(uri.slice(0, 3));
    for (const d of index.diagnostics(uri)) out.push(`${uri.slice(0, 3)} ${d.code} ${d.severity}: ${text.slice(d.start, d.end).slice(0, 30)}`);
  }
  return out.sort();
}

describe('Disagreements between the seed articles', () => {
  const { index } = seedIndex();

  it('publishes exactly the disagreements a careful editor would agree with, and no others', () => {
    assert.deepEqual(published(index), [
      '000 hedge information: Oleg Tsokov - is said to have ',
      '000 quote-wording warning: I had no right to lie in the n',
      '000 quote-wording warning: The Ukrainian army could not b',
      '000 spelling warning: Andrei Gurulyov',
      '000 spelling warning: Sergei Surovikin',
      '000 spelling warning: Zaporizhzhia',
      '000 spelling warning: Zaporizhzhia',
      '001 quote-wording warning: As many commanders of division',
      '001 quote-wording warning: I had no right to lie, therefo',
      '001 spelling warning: Andrey Gurulev',
      '001 spelling warning: Zaporizhia',
      '001 spelling warning: Zaporizhzhia',
      '001 title information: General',
      '002 hedge warning: Oleg Tsokov, the deputy comman',
      '002 quote-wording warning: I had no right to lie, therefo',
      '002 spelling warning: Andrey Gurulev',
      '002 spelling warning: Sergey Surovikin',
      '002 spelling warning: Zaporizhia',
      '002 title information: General',
      '003 hedge warning: Among the casualties was Lieut',
      '004 spelling warning: Zaporizhia',
      '004 spelling warning: Zaporizhia',
    ]);
  });

  it('says what each source has and points at the other article\'s words', () => {
    const uri = index.uris().find((u) => u.startsWith('000'))!;
    const d = index.diagnostics(uri).find((x) => x.code === 'spelling' && x.message.includes('Gurulyov'))!;
    assert.match(d.message, /"Andrei Gurulyov" here/);
    assert.match(d.message, /"Andrey Gurulev" in .*CNN, 13 Jul 2023/);
    const other = d.related.find((r) => r.uri.startsWith('002'))!;
    assert.equal(seedText('002').slice(other.start, other.end), 'Andrey Gurulev');
  });

  it('gives the word-level difference of a reworded quote', () => {
    const uri = index.uris().find((u) => u.startsWith('002'))!;
    const d = index.diagnostics(uri).find((x) => x.code === 'quote-wording')!;
    assert.match(d.message, /only here: "military today"/);
    assert.match(d.message, /only there: "today", "army"/);
    assert.equal(d.related.length, 2);
  });

  it('calls General only less specific than Maj Gen, with a lower severity than a real conflict', () => {
    const uri = index.uris().find((u) => u.startsWith('001'))!;
    const d = index.diagnostics(uri).find((x) => x.code === 'title')!;
    assert.equal(d.severity, 'information');
    assert.match(d.message, /less specific than "Maj Gen"/);
    const ws = new WorkspaceIndex();
    ws.set(analyzeDocument('a.txt', 'Maj Gen Ivan Popov commanded the army.'));
    ws.set(analyzeDocument('b.txt', 'Lt Gen Ivan Popov commanded the army.'));
    const conflict = ws.diagnostics('a.txt').find((x) => x.code === 'title')!;
    assert.equal(conflict.severity, 'warning');
    assert.match(conflict.message, /rank "Maj Gen" here, but "Lt Gen" in b\.txt/);
  });

  it('reports a quote given to different speakers in different sources', () => {
    const ws = new WorkspaceIndex();
    ws.set(analyzeDocument('a.txt', '"We will not retreat from the southern front under any circumstances," Valery Gerasimov said.'));
    ws.set(analyzeDocument('b.txt', '"We will not retreat from the southern front under any circumstances," Sergei Shoigu said.'));
    const d = ws.diagnostics('a.txt').find((x) => x.code === 'quote-speaker');
    assert.ok(d, JSON.stringify(ws.diagnostics('a.txt')));
    assert.match(d.message, /attributed to Valery Gerasimov here, but to Sergei Shoigu in b\.txt/);
  });

  it('turns a kind of disagreement off, and ignores one by its key', () => {
    const ws = new WorkspaceIndex();
    ws.set(analyzeDocument('a.txt', 'Andrei Gurulyov posted it. Maj Gen Ivan Popov spoke.'));
    ws.set(analyzeDocument('b.txt', 'Andrey Gurulev posted it. General Ivan Popov spoke.'));
    assert.ok(ws.diagnostics('a.txt').some((d) => d.code === 'spelling'));
    ws.configure({ disabled: ['spelling'] });
    assert.ok(!ws.diagnostics('a.txt').some((d) => d.code === 'spelling'));
    ws.configure({ disabled: [] });
    const key = ws.diagnostics('b.txt').find((d) => d.code === 'title')!.key;
    ws.configure({ ignored: [key] });
    assert.ok(!ws.diagnostics('b.txt').some((d) => d.code === 'title'));
  });
});

describe('Conflicting facts between sources', () => {
  const ws = (): WorkspaceIndex => {
    const index = new WorkspaceIndex();
    index.set(analyzeDocument('a.txt', 'Lt Gen Oleg Tsokov, 52, was killed on July 10, 2023 in Berdyansk by a missile strike.'));
    index.set(analyzeDocument('b.txt', 'Oleg Tsokov, 54, was killed on July 11, 2023 in Melitopol, officials said.'));
    index.set(analyzeDocument('c.txt', 'Russian general Oleg Tsokov was killed in Ukraine on July 10, 2023.'));
    return index;
  };

  it('reports a different date, place and age for the same person across sources', () => {
    const index = ws();
    const a = index.diagnostics('a.txt').filter((d) => d.code === 'fact').map((d) => d.message);
    assert.ok(a.some((m) => /Oleg Tsokov's age: 52 here, 54 in b\.txt/.test(m)), a.join('\n'));
    assert.ok(a.some((m) => /Oleg Tsokov's death: 2023-07-10 here, 2023-07-11 in b\.txt/.test(m)), a.join('\n'));
    assert.ok(a.some((m) => /in Berdyansk here, in Melitopol in b\.txt/.test(m)), a.join('\n'));
  });

  it('does not compare a country with a city, nor agreeing dates', () => {
    const index = ws();
    const c = index.diagnostics('c.txt').filter((d) => d.code === 'fact');
    assert.equal(c.length, 1, c.map((d) => d.message).join('\n'));
    assert.match(c[0].message, /2023-07-10 here, 2023-07-11 in b\.txt/);
  });

  it('points at twenty of the sources giving another age at most, names three in its message and says how many more there are', () => {
    const index = new WorkspaceIndex();
    const docs = [analyzeDocument('a.txt', 'Lt Gen Oleg Tsokov, 52, was killed on July 10, 2023 in Berdyansk by a missile strike.')];
    for (let i = 0; i < 24; i++) docs.push(analyzeDocument(`b${String(i).padStart(2, '0')}.txt`, 'Oleg Tsokov, 54, was killed on July 10, 2023 in Berdyansk, officials said.'));
    index.setMany(docs);
    const age = index.diagnostics('a.txt').find((d) => d.code === 'fact' && d.key.endsWith(':age'))!;
    assert.equal(age.related.length, 20);
    assert.deepEqual(age.related.map((r) => r.uri), docs.slice(1, 21).map((d) => d.uri));
    assert.equal(age.message, "Oleg Tsokov's age: 52 here, 54 in b00.txt, 54 in b01.txt, 54 in b02.txt and 21 more sources.");
  });

  it('finds no conflicting facts in the seed articles', () => {
    const { index } = seedIndex();
    for (const uri of index.uris()) assert.deepEqual(index.diagnostics(uri).filter((d) => d.code === 'fact'), []);
  });
});

describe('Noise the disagreement checks keep out (found on unrelated PolNeAR articles)', () => {
  it('flags a rare misspelling only where it is used, not in every source that spells the name as most do', () => {
    const index = new WorkspaceIndex();
    const docs = ['a', 'b', 'c', 'd'].map((n) => analyzeDocument(`${n}.txt`, `Hillary Clinton spoke in Ohio on Monday about jobs (${n}).`));
    docs.push(analyzeDocument('e.txt', 'Hilary Clinton spoke in Ohio on Monday about jobs.'));
    index.setMany(docs);
    assert.equal(index.diagnostics('e.txt').filter((d) => d.code === 'spelling').length, 1);
    for (const n of ['a', 'b', 'c', 'd']) assert.deepEqual(index.diagnostics(`${n}.txt`).filter((d) => d.code === 'spelling'), []);
  });

  it('finds a name spelled differently also where sources write it with a possessive, the possessive being no spelling', () => {
    const index = new WorkspaceIndex();
    index.setMany([
      analyzeDocument('a.txt', 'Andrei Gurulyov\'s remarks drew criticism on Monday. Gurulyov\'s office declined to comment.'),
      analyzeDocument('b.txt', 'Andrey Gurulev said the army would hold the line.'),
      analyzeDocument('c.txt', 'Andrey Gurulev\'s aides said the army would hold the line.'),
    ]);
    const spelling = (uri: string): string[] => index.diagnostics(uri).filter((d) => d.code === 'spelling').map((d) => d.message);
    assert.deepEqual(spelling('a.txt'), ['Andrei Gurulyov: spelled "Andrei Gurulyov" here, "Andrey Gurulev" in b.txt and c.txt.']);
    assert.deepEqual(spelling('b.txt'), ['Andrei Gurulyov: spelled "Andrey Gurulev" here, "Andrei Gurulyov" in a.txt.']);
    assert.deepEqual(spelling('c.txt'), ['Andrei Gurulyov: spelled "Andrey Gurulev" here, "Andrei Gurulyov" in a.txt.']);
  });

  it('does not call dotted and undotted abbreviations different spellings, nor join N.Y. and N.J.', () => {
    const index = new WorkspaceIndex();
    index.set(analyzeDocument('a.txt', 'The I.R.S. audited him in Albany, N.Y., last year.'));
    index.set(analyzeDocument('b.txt', 'The IRS audited him in Newark, N.J., last year.'));
    for (const uri of ['a.txt', 'b.txt']) assert.deepEqual(index.diagnostics(uri).filter((d) => d.code === 'spelling'), []);
  });

  it('does not report a quote as given to different speakers when one source names only the surname', () => {
    const index = new WorkspaceIndex();
    index.set(analyzeDocument('a.txt', '"We will finish the job that we started together eight years ago," Barack Obama said.'));
    index.set(analyzeDocument('b.txt', '"We will finish the job that we started together eight years ago," Obama said.'));
    index.set(analyzeDocument('c.txt', 'Michelle Obama spoke at the convention on Monday.'));
    assert.deepEqual(index.diagnostics('a.txt').filter((d) => d.code === 'quote-speaker'), []);
  });

  it('does not take two speakers sharing a stock phrase for one quote', () => {
    const index = new WorkspaceIndex();
    index.set(analyzeDocument('a.txt', '"I am proud to endorse him as the next president of the United States," Jeff Sessions said.'));
    index.set(analyzeDocument('b.txt', '"We are on fire to make her the next president of the United States," Elizabeth Warren said.'));
    assert.deepEqual(index.diagnostics('a.txt').filter((d) => d.code.startsWith('quote')), []);
  });
});

describe('A quote copied across many sources', () => {
  it('points at twenty of the sources that word it differently at most, spells out three, and says how many more there are', () => {
    const index = new WorkspaceIndex();
    const docs = [analyzeDocument('a.txt', '"We will finish the job that we started together eight years ago," Barack Obama said.')];
    for (let i = 0; i < 25; i++) {
      docs.push(analyzeDocument(`b${String(i).padStart(2, '0')}.txt`, '"We will finish the work that we started together eight years ago," Barack Obama said.'));
    }
    index.setMany(docs);
    const wording = index.diagnostics('a.txt').filter((d) => d.code === 'quote-wording');
    assert.equal(wording.length, 1);
    assert.equal(wording[0].related.length, 20);
    assert.deepEqual(wording[0].related.map((r) => r.uri), docs.slice(1, 21).map((d) => d.uri));
    assert.match(wording[0].message, /^This quote is worded differently in b00\.txt \(only here: "job"; only there: "work"\), b01\.txt \(.*\), b02\.txt \(.*\) and 22 more sources\.$/);
    // each copy is matched with every other source, whatever the number of copies
    assert.equal(index.sameQuotePlaces('b00.txt', 0).length, 25);
  });

  it('gives every copy of a quote indexed at once the diagnostics it has when worked out alone, also where an article holds the quote twice for two speakers', () => {
    const quote = '"We will finish the job that we started together eight years ago,"';
    const texts: Record<string, string> = {
      'a.txt': `${quote} Barack Obama said.`,
      'b.txt': `${quote} Barack Obama said.`,
      'c.txt': `${quote} Barack Obama said.`,
      'd.txt': `${quote.replace('job', 'work')} Barack Obama said.`,
      'e.txt': `${quote.replace('job', 'work')} Barack Obama said.`,
      'f.txt': `${quote} Barack Obama said.\n\nLater on the same day:\n\n${quote} Mitt Romney said.`,
      'g.txt': `${quote} Mitt Romney said.`,
    };
    const index = new WorkspaceIndex();
    index.setMany(Object.entries(texts).map(([uri, text]) => analyzeDocument(uri, text)));
    const quotes = (index as unknown as { quoteIndex: QuoteIndex }).quoteIndex;
    let compared = 0;
    for (const uri of index.uris()) {
      const doc = index.doc(uri)!;
      const alone = doc.quotes.flatMap((q, qi) => quoteDisagreementsOf(index, quotes, uri, q, qi));
      const indexed = index.diagnostics(uri).filter((d) => d.code.startsWith('quote'));
      assert.deepEqual(indexed, [...alone].sort((x, y) => x.start - y.start || (x.code < y.code ? -1 : 1)), uri);
      compared += alone.length;
    }
    assert.ok(compared >= 7, `${compared} quote diagnostics`);
  });

  it('finds the same quote again after an edit elsewhere in the article, at its new place', () => {
    const index = new WorkspaceIndex();
    const quote = '"We will finish the job that we started together eight years ago," Barack Obama said.';
    index.set(analyzeDocument('a.txt', quote));
    index.set(analyzeDocument('b.txt', quote.replace('job', 'work')));
    const before = index.diagnostics('a.txt').find((d) => d.code === 'quote-wording')!;
    const affected = index.set(analyzeDocument('b.txt', `Officials said the talks would continue. ${quote.replace('job', 'work')}`));
    assert.ok(affected.has('a.txt'), 'the other article points at the moved quote');
    const after = index.diagnostics('a.txt').find((d) => d.code === 'quote-wording')!;
    assert.equal(after.related[0].start, before.related[0].start + 'Officials said the talks would continue. '.length);
  });
});
