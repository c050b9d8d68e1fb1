import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/out/analysis/analyze';
import { WorkspaceIndex } from '../../../server/out/analysis/workspace';
import { seedIndex } from '../../helpers/seeds';

function entityOf(index: WorkspaceIndex, uri: string, text: string): string | undefined {
  const doc = index.doc(uri)!;
  const m = doc.mentions.find((x) => x.text === text);
  return m ? index.entityFor(uri, m.local)?.id : undefined;
}

function workspace(docs: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(docs)) index.set(analyzeDocument(uri, text));
  return index;
}

describe('Entities linked across the seed articles', () => {
  const { index } = seedIndex();
  const articlesOf = (name: string): string[] => {
    const g = index.entities().find((e) => e.name === name);
    assert.ok(g, `no entity named ${name}; have ${index.entities().map((e) => e.name).join(', ')}`);
    return [...new Set(g.members.map((m) => m.uri.slice(0, 3)))].sort();
  };

  it('links every person a reader would link into one entity with the articles that name them', () => {
    assert.deepEqual(articlesOf('Ivan Popov'), ['000', '001', '002', '003', '004']);
    assert.deepEqual(articlesOf('Valery Gerasimov'), ['000', '001', '002', '003', '004']);
    assert.deepEqual(articlesOf('Sergei Shoigu'), ['000', '001', '002', '003']);
    assert.deepEqual(articlesOf('Andrey Gurulev'), ['000', '001', '002']);
    assert.deepEqual(articlesOf('Oleg Tsokov'), ['000', '002', '003']);
    assert.deepEqual(articlesOf('Yevgeny Prigozhin'), ['000', '002']);
    const surovikin = index.entities().find((e) => e.aliases.includes('Sergey Surovikin'))!;
    assert.ok(surovikin.aliases.includes('Sergei Surovikin'));
  });

  it('links organisations and places across their variants and acronyms', () => {
    const army = index.entities().find((e) => e.aliases.includes('58th Combined Arms Army'))!;
    assert.ok(army.aliases.includes('58th Army') && army.aliases.includes('58th Combined Army'), army.aliases.join(', '));
    assert.equal(new Set(army.members.map((m) => m.uri)).size, 5);
    const isw = index.entities().find((e) => e.aliases.includes('ISW'))!;
    assert.ok(isw.aliases.includes('Institute for the Study of War'));
    const zap = index.entities().find((e) => e.type === 'LOC' && e.aliases.includes('Zaporizhzhia') && !e.name.endsWith('region'))!;
    assert.ok(zap.aliases.includes('Zaporizhia'));
    assert.deepEqual(articlesOf('Wagner'), ['000', '002']);
  });

  it('takes no scare-quoted headline word for a name', () => {
    assert.ok(!index.entities().some((e) => e.name === 'Resting'), 'the headline\'s ‘Resting,’ is no person');
  });

  it('joins a surname alone to the full name in the same article and across articles', () => {
    const uri = index.uris().find((u) => u.startsWith('003'))!;
    assert.equal(entityOf(index, uri, 'Popov'), entityOf(index, uri, 'Ivan Popov'));
    assert.equal(entityOf(index, uri, 'Tsokov'), index.entities().find((e) => e.name === 'Oleg Tsokov')!.id);
  });

  it('keeps a country apart from its army and its ministry, and a region apart from the city', () => {
    const ws = workspace({
      'a.txt': 'Russia said on Monday that the Russian Army had withdrawn. The Russian Defence Ministry denied it.\nFighting went on in the Donetsk region.',
      'b.txt': 'Shelling hit Donetsk, the city, on Tuesday. Russia blamed Ukraine.',
    });
    const russia = entityOf(ws, 'a.txt', 'Russia');
    assert.ok(russia);
    for (const other of ['Russian Army', 'Russian Defence Ministry']) {
      const id = entityOf(ws, 'a.txt', other);
      if (id) assert.notEqual(id, russia, `${other} merged with Russia`);
    }
    assert.equal(entityOf(ws, 'b.txt', 'Russia'), russia);
    assert.notEqual(entityOf(ws, 'a.txt', 'Donetsk'), entityOf(ws, 'b.txt', 'Donetsk'));
  });

  it('keeps two different people who share a surname apart, and leaves an ambiguous surname alone', () => {
    const ws = workspace({
      'a.txt': 'Maj Gen Ivan Popov was dismissed on Wednesday. Popov said he had told the truth.',
      'b.txt': 'Mikhail Popov, a deputy secretary of the Security Council, said the army was strong.',
      'c.txt': 'Popov did not answer questions from reporters on Friday.',
    });
    const ivan = entityOf(ws, 'a.txt', 'Ivan Popov');
    const mikhail = entityOf(ws, 'b.txt', 'Mikhail Popov');
    assert.ok(ivan && mikhail);
    assert.notEqual(ivan, mikhail);
    assert.equal(entityOf(ws, 'a.txt', 'Popov'), ivan);
    const lone = entityOf(ws, 'c.txt', 'Popov');
    assert.ok(lone && lone !== ivan && lone !== mikhail, 'a surname alone with two candidates must not be glued to either');
  });

  it('updates the linking when an article changes or disappears', () => {
    const ws = workspace({
      'a.txt': 'Andrei Gurulyov posted the message on Telegram.',
      'b.txt': 'Andrey Gurulev, a Russian MP, posted the clip.',
    });
    assert.equal(entityOf(ws, 'a.txt', 'Andrei Gurulyov'), entityOf(ws, 'b.txt', 'Andrey Gurulev'));
    const before = ws.entity(entityOf(ws, 'a.txt', 'Andrei Gurulyov')!)!;
    assert.equal(before.members.length, 2);
    ws.remove('b.txt');
    const after = ws.entity(entityOf(ws, 'a.txt', 'Andrei Gurulyov')!)!;
    assert.equal(after.members.length, 1);
    assert.deepEqual(ws.diagnostics('a.txt'), []);
  });
});

describe('Linking keeps apart what only a letter rule would join', () => {
  it('does not join a first name used alone to a full name spelled with a doubled letter', () => {
    const ws = workspace({
      'a.txt': 'Tom Barrack, a friend of the candidate, spoke at the convention.',
      'b.txt': 'Barack said the economy had recovered.',
    });
    assert.notEqual(entityOf(ws, 'b.txt', 'Barack'), entityOf(ws, 'a.txt', 'Tom Barrack'));
  });
});
