import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/out/analysis/analyze';
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
