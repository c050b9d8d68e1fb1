/** Protocol tests of the custom requests behind the Byline views: byline/entities and byline/entityDetails. */
import * as assert from 'node:assert/strict';
import { positionOf } from '../../helpers/lspClient';
import { SeedWorkspace, textAt } from '../../helpers/workspace';

interface Range { start: { line: number; character: number }; end: { line: number; character: number } }
interface Loc { uri: string; range: Range }
interface Summary { id: string; name: string; type: string; typeName: string; aliases: string[]; articles: number; mentions: number; quotes: number; disagreements: number; location?: Loc }
interface Group { type: string; label: string; entities: Summary[] }
interface Item { text: string; location: Loc }
interface Source {
  uri: string; label: string; headline?: string; date?: string; mentions: number; names: string[]; titles: Item[];
  quotes: Array<Item & { alsoIn: string[]; cue?: string; speaker?: string }>; claims: Array<Item & { predicate: string; hedged: boolean }>;
  disagreements: Array<Item & { code: string }>; first: Loc;
}
interface Details { id: string; name: string; type: string; mentions: number; sources: Source[] }

describe('The entities and entity details requests', function () {
  this.timeout(60000);
  let ws: SeedWorkspace;
  before(async () => { ws = await SeedWorkspace.start(); });
  after(async () => { await ws?.stop(); });

  const textOf = (l: Loc): string => textAt(ws.text(l.uri.replace(/^.*\//, '').slice(0, 3)), l.range);

  it('groups the workspace\'s entities by type, people first, the most widely covered first, without dates', async () => {
    const groups = await ws.server.request<Group[]>('byline/entities', {});
    assert.deepEqual(groups.map((g) => g.label), ['People', 'Organizations', 'Places', 'Other names']);
    const people = groups[0].entities;
    assert.equal(people[0].name, 'Ivan Popov');
    assert.equal(people[0].articles, 5);
    assert.equal(people[0].mentions, 30);
    assert.ok(people[0].quotes >= 5);
    assert.ok(people[0].disagreements >= 1);
    for (let i = 1; i < people.length; i++) assert.ok(people[i - 1].articles >= people[i].articles, 'sorted by article count');
    const gurulev = people.find((p) => p.name === 'Andrey Gurulev')!;
    assert.deepEqual([...gurulev.aliases].sort(), ['Andrei Gurulyov', 'Andrey Gurulev']);
    // the location is the first mention in the earliest dated article (CNN, 13 Jul 2023)
    assert.match(people[0].location!.uri, /002_/);
    assert.equal(textOf(people[0].location!), 'Ivan Popov');
  });

  it('leaves out entities in fewer articles than asked for', async () => {
    const groups = await ws.server.request<Group[]>('byline/entities', { minArticles: 4 });
    const names = groups.flatMap((g) => g.entities.map((e) => e.name));
    assert.ok(names.includes('Ivan Popov') && names.includes('Valery Gerasimov'));
    assert.ok(!names.includes('Andrey Gurulev'), 'Gurulev is in three articles only');
  });

  it('tells what each source says about Popov: names, titles, quotes with the other sources that carry them', async () => {
    const groups = await ws.server.request<Group[]>('byline/entities', {});
    const popov = groups[0].entities[0];
    const d = await ws.server.request<Details>('byline/entityDetails', { id: popov.id });
    assert.equal(d.name, 'Ivan Popov');
    assert.equal(d.sources.length, 5);
    assert.equal(d.sources[0].label, 'CNN, 13 Jul 2023', 'the earliest dated source first');
    assert.equal(d.sources.reduce((n, s) => n + s.mentions, 0), 30);
    const bbc = d.sources.find((s) => s.uri.includes('000_'))!;
    assert.deepEqual(bbc.titles.map((t) => t.text), ['Maj Gen']);
    assert.equal(textOf(bbc.titles[0].location), 'Maj Gen Ivan Popov');
    const shared = bbc.quotes.find((q) => q.text.startsWith('I had no right to lie'))!;
    assert.equal(shared.alsoIn.length, 2);
    assert.ok(shared.alsoIn.includes('CNN, 13 Jul 2023'));
    assert.match(textOf(shared.location), /^I had no right to lie/);
    assert.equal(textOf(bbc.first), 'Ivan Popov');
    const cnn = d.sources[0];
    assert.ok(cnn.disagreements.some((x) => x.code === 'title'), 'CNN\'s "General" is less specific than "Maj Gen"');
  });

  it('finds the entity from the place of one of its mentions, and tells the hedged claim from the asserted one', async () => {
    const uri = await ws.open('000');
    const d = await ws.server.request<Details>('byline/entityDetails', { textDocument: { uri }, position: positionOf(ws.text('000'), 'Tsokov') });
    assert.equal(d.name, 'Oleg Tsokov');
    const bbc = d.sources.find((s) => s.uri.includes('000_'))!;
    assert.equal(bbc.claims.length, 1);
    assert.equal(bbc.claims[0].predicate, 'killed');
    assert.equal(bbc.claims[0].hedged, true);
    const itSpark = d.sources.find((s) => s.label === 'IT SPARK Media')!;
    assert.ok(itSpark.claims.some((c) => c.predicate === 'killed' && !c.hedged));
    assert.match(textOf(itSpark.claims[0].location), /Tsokov/);
  });

  it('answers null for a place that is no name and for an unknown id', async () => {
    const uri = await ws.open('000');
    assert.equal(await ws.server.request('byline/entityDetails', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.equal(await ws.server.request('byline/entityDetails', { id: 'no-such-entity' }), null);
  });
});
