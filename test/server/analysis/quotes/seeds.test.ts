import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type * as Quotes from '../../../../server/src/analysis/quotes';
import type * as Text from '../../../../server/src/analysis/text';
import type { Quote, LocalEntity } from '../../../../server/src/analysis/model';
import { repoRoot, serverModule } from '../../../helpers/server';
import { mentionsFor, EntitySpec } from '../../../helpers/mentions';

const { findQuotes } = serverModule<typeof Quotes>('analysis/quotes');
const { layout } = serverModule<typeof Text>('analysis/text');

const POPOV: EntitySpec = { type: 'PER', forms: ['Ivan Popov', 'Popov'], titles: ['Maj Gen', 'General'] };
const SEED_ENTITIES: EntitySpec[] = [
  POPOV,
  { type: 'PER', forms: ['Andrei Gurulyov', 'Andrey Gurulev', 'Gurulyov', 'Gurulev'] },
  { type: 'PER', forms: ['Sergei Shoigu', 'Shoigu'] },
  { type: 'PER', forms: ['Valery Gerasimov', 'Gerasimov'] },
  { type: 'PER', forms: ['Sergei Surovikin', 'Sergey Surovikin', 'Surovikin'] },
  { type: 'PER', forms: ['Yevgeny Prigozhin', 'Prigozhin'] },
  { type: 'PER', forms: ['Oleg Tsokov', 'Tsokov'] },
  { type: 'PER', forms: ['Andrey Turchak', 'Turchak'] },
  { type: 'PER', forms: ['Vladimir Putin', 'Putin'] },
  { type: 'ORG', forms: ['CNN', 'Institute for the Study of War', 'ISW', 'Wagner', 'Russian defence ministry'] },
  { type: 'LOC', forms: ['Ukraine', 'Zaporizhzhia', 'Moscow', 'Russia'] },
];

interface Seed { text: string; quotes: Quote[]; entities: LocalEntity[] }

function seed(prefix: string): Seed {
  const dir = path.join(repoRoot(), 'seeds');
  const file = fs.readdirSync(dir).find((f) => f.startsWith(prefix))!;
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const { mentions, entities } = mentionsFor(text, SEED_ENTITIES);
  return { text, quotes: findQuotes(text, layout(text), mentions, entities), entities };
}

function quoteStarting(s: Seed, words: string): Quote {
  const q = s.quotes.find((x) => x.text.startsWith(words));
  assert.ok(q, `no quote starting with ${JSON.stringify(words)}; found ${s.quotes.map((x) => JSON.stringify(x.text.slice(0, 30))).join(', ')}`);
  return q;
}

function speakerName(s: Seed, q: Quote): string | undefined {
  return q.speaker && q.speaker.local >= 0 ? s.entities[q.speaker.local].name : undefined;
}

describe('quotes on the seed articles about Maj Gen Ivan Popov', () => {
  it('000: "It was necessary ..." he said is Popov\'s, found through the pronoun', () => {
    const s = seed('000');
    const q = quoteStarting(s, 'It was necessary either to keep quiet');
    assert.strictEqual(q.kind, 'direct');
    assert.strictEqual(q.text, 'It was necessary either to keep quiet and be a coward or to say it the way it is,');
    assert.strictEqual(q.speaker?.text, 'he');
    assert.strictEqual(q.speaker?.via, 'pronoun');
    assert.strictEqual(speakerName(s, q), 'Ivan Popov');
    assert.strictEqual(q.cue?.lemma, 'say');
    assert.strictEqual(s.text.slice(q.cue!.start, q.cue!.end), 'said');
  });

  it('000: the next paragraph "I had no right to lie ..." without attribution continues Popov', () => {
    const s = seed('000');
    const q = quoteStarting(s, 'I had no right to lie in the name of you');
    assert.strictEqual(q.kind, 'direct');
    assert.strictEqual(q.speaker?.via, 'continuation');
    assert.strictEqual(speakerName(s, q), 'Ivan Popov');
  });

  it('000: "The senior chiefs apparently sensed ..." Maj Gen Popov said is explicit', () => {
    const s = seed('000');
    const q = quoteStarting(s, 'The senior chiefs apparently sensed');
    assert.strictEqual(q.speaker?.via, 'explicit');
    assert.strictEqual(q.speaker?.text, 'Maj Gen Popov');
    assert.strictEqual(speakerName(s, q), 'Ivan Popov');
  });

  it('000: "The Ukrainian army could not break through ..." after a Popov quote is Popov\'s', () => {
    const s = seed('000');
    const q = quoteStarting(s, 'The Ukrainian army could not break through');
    assert.strictEqual(q.kind, 'direct');
    assert.strictEqual(q.speaker?.via, 'continuation');
    assert.strictEqual(speakerName(s, q), 'Ivan Popov');
  });

  it('000: "alarmism and blackmailing senior management" is a partial quote by Gerasimov', () => {
    const s = seed('000');
    const q = quoteStarting(s, 'alarmism and blackmailing senior management');
    assert.strictEqual(q.kind, 'partial');
    assert.strictEqual(q.text, 'alarmism and blackmailing senior management');
    assert.strictEqual(speakerName(s, q), 'Valery Gerasimov');
    assert.strictEqual(q.cue?.lemma, 'accuse');
  });

  it('000: "The commander said his dismissal ..." resolves the role to Popov', () => {
    const s = seed('000');
    const q = quoteStarting(s, 'his dismissal was demanded by senior commanders');
    assert.strictEqual(q.kind, 'indirect');
    assert.strictEqual(q.speaker?.text, 'The commander');
    assert.strictEqual(q.speaker?.via, 'role');
    assert.strictEqual(speakerName(s, q), 'Ivan Popov');
  });

  it('000: "resting" after "another Russian MP said" is partial and not given to a known person', () => {
    const s = seed('000');
    const q = quoteStarting(s, 'resting');
    assert.strictEqual(q.kind, 'partial');
    assert.strictEqual(q.speaker?.text, 'another Russian MP');
    assert.strictEqual(q.speaker?.local, -1);
  });

  it('001: both "... Popov added" quotes are Popov\'s', () => {
    const s = seed('001');
    for (const start of ['I had no right to lie, therefore, I outlined', 'As many commanders of divisional regiments said today']) {
      const q = quoteStarting(s, start);
      assert.strictEqual(q.kind, 'direct');
      assert.strictEqual(q.speaker?.text, 'Popov');
      assert.strictEqual(speakerName(s, q), 'Ivan Popov');
      assert.strictEqual(q.cue?.text, 'added');
    }
    assert.strictEqual(quoteStarting(s, 'political show').kind, 'partial');
  });

  it('002: the curly-quoted "I had no right to lie ..." General Popov stated is Popov\'s', () => {
    const s = seed('002');
    const q = quoteStarting(s, 'I had no right to lie, therefore I outlined');
    assert.strictEqual(q.speaker?.text, 'General Popov');
    assert.strictEqual(speakerName(s, q), 'Ivan Popov');
    assert.strictEqual(q.cue?.lemma, 'state');
  });

  it('003: the headline single quotes around Resting are found in both headline lines', () => {
    const s = seed('003');
    const resting = s.quotes.filter((q) => q.text === 'Resting,');
    assert.strictEqual(resting.length, 2);
    assert.deepStrictEqual(resting.map((q) => q.paragraph), [0, 1]);
  });

  it('every full direct quote of the seeds has Popov as its speaker', () => {
    let count = 0;
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const s = seed(prefix);
      for (const q of s.quotes.filter((x) => x.kind === 'direct')) {
        assert.strictEqual(speakerName(s, q), 'Ivan Popov', `${prefix}: ${q.text}`);
        count++;
      }
    }
    assert.strictEqual(count, 7);
  });
});
