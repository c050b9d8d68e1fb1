/** Protocol tests of the hover cards: the real server over stdio, on a copy of the seeds. */
import * as assert from 'node:assert/strict';
import { positionOf } from '../../helpers/lspClient';
import { SeedWorkspace } from '../../helpers/workspace';

interface Hover { contents: { kind: string; value: string }; range: { start: { line: number } } }

describe('Hover cards', function () {
  this.timeout(60000);
  let ws: SeedWorkspace;
  before(async () => { ws = await SeedWorkspace.start(); });
  after(async () => { await ws?.stop(); });

  const hoverAt = async (prefix: string, word: string, nth = 0): Promise<string> => {
    const uri = await ws.open(prefix);
    const h = await ws.server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(ws.text(prefix), word, nth) });
    assert.ok(h, `no hover on "${word}"`);
    assert.equal(h.contents.kind, 'markdown');
    return h.contents.value;
  };

  it('lists each source on its own line with its mention count, its title for the person and a link to the first mention', async () => {
    const md = await hoverAt('000', 'Popov');
    const rows = md.split('\n').filter((l) => l.startsWith('- [') && /×\d+/.test(l));
    assert.equal(rows.length, 5, md);
    const cnn = rows.find((r) => r.includes('CNN, 13 Jul 2023'))!;
    assert.match(cnn, /\]\(file:\/\/[^)]*002_[^)]*#L\d+\) ×7 — General$/);
    assert.match(rows.find((r) => r.includes('000_'))!, /\(this article\) ×6 — Maj Gen$/);
    assert.match(md, /\*Maj Gen\* here/);
  });

  it('shows a quote told by several sources once, naming the other sources, and counts the rest', async () => {
    const md = await hoverAt('000', 'Popov');
    const quoted = md.slice(md.indexOf('**Quoted**'));
    assert.match(quoted, /^\*\*Quoted\*\* · \d+ quotes in 3 sources/);
    assert.match(quoted, /“I had no right to lie[^\n]*· also in [^\n]*(000|001)/);
    assert.ok(quoted.split('\n').filter((l) => l.startsWith('- “')).length <= 3, 'more than three quotes shown');
    assert.match(quoted, /… \d+ more quotes?/);
  });

  it('lists the disagreements about an entity, this article\'s first, with their codes', async () => {
    const md = await hoverAt('000', 'Andrei Gurulyov');
    assert.match(md, /^\*\*Andrey Gurulev\*\* · person/);
    assert.match(md, /also written “Andrei Gurulyov”/);
    assert.match(md, /\*\*Sources disagree\*\* · \d+\n- ⚠ Andrey Gurulev: spelled "Andrei Gurulyov" here[^\n]*`spelling`/);
  });

  it('shows the speaker of a quote and the same quote in the other sources with the differing words in bold', async () => {
    const md = await hoverAt('000', 'I had no right to lie');
    assert.match(md, /^\*\*Quote\*\* · \*\*Ivan Popov\*\*/);
    assert.match(md, /\*\*In 2 other sources\*\*/);
    assert.match(md, /CNN, 13 Jul 2023\]\([^)]*\) — worded differently/);
    // CNN's wording "therefore" is not in the BBC wording
    assert.match(md, /> “I had no right to lie, \*\*therefore\*\* I outlined/);
    assert.match(md, /missing there: ~~in the name of you/);
  });

  it('shows the date a relative date expression stands for', async () => {
    const md = await hoverAt('002', 'three weeks prior');
    assert.match(md, /^\*\*three weeks prior\*\* · date · `2023-06-22`/);
    assert.match(md, /Article dated `2023-07-13`/);
  });
});
