import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ner from '../../../../server/out/analysis/ner/index';
import * as text from '../../../../server/out/analysis/text';

const root = path.resolve(__dirname, '../../../..');

type Found = Array<{ text: string; type: string; start: number; end: number }>;

function tag(s: string): Found {
  return ner.recognizeEntities(s, text.layout(s)).map((e) => ({ text: s.slice(e.start, e.end), type: e.type, start: e.start, end: e.end }));
}

function seed(prefix: string): string {
  const dir = path.join(root, 'seeds');
  const file = fs.readdirSync(dir).find((f) => f.startsWith(prefix));
  assert.ok(file, `seed ${prefix} exists`);
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

function has(found: Found, name: string, types: string[]): void {
  const hits = found.filter((e) => e.text === name);
  assert.ok(hits.length > 0, `expected "${name}" as ${types.join(' or ')}; found ${JSON.stringify([...new Set(found.map((e) => `${e.type}:${e.text}`))])}`);
  assert.ok(hits.some((e) => types.includes(e.type)), `"${name}" should be ${types.join(' or ')}, was ${hits.map((e) => e.type).join(', ')}`);
}

const EXPECTED: Record<string, Array<[string, string[]]>> = {
  '000': [
    ['Ivan Popov', ['PER']], ['Popov', ['PER']], ['58th Army', ['ORG']], ['Zaporizhzhia', ['LOC']], ['Andrei Gurulyov', ['PER']],
    ['Sergei Shoigu', ['PER']], ['Moscow', ['LOC']], ['Valery Gerasimov', ['PER']], ['Gerasimov', ['PER']], ['Russian', ['MISC']],
    ['Ukraine', ['LOC']], ['Wagner', ['ORG']], ['Yevgeny Prigozhin', ['PER']], ['Sergei Surovikin', ['PER']], ['Oleg Tsokov', ['PER']],
    ['Russia', ['LOC']], ['Ukrainian', ['MISC']],
  ],
  '001': [
    ['Ivan Popov', ['PER']], ['Popov', ['PER']], ['58th Combined Arms Army', ['ORG']], ['Zaporizhzhia', ['LOC']], ['Telegram', ['ORG', 'MISC']],
    ['CNN', ['ORG']], ['Andrey Gurulev', ['PER']], ['Sergei Shoigu', ['PER']], ['Andrey Turchak', ['PER']],
    ['Institute for the Study of War', ['ORG']], ['ISW', ['ORG']], ['Washington', ['LOC']], ['Valery Gerasimov', ['PER']],
    ['Orikhiv', ['LOC']], ['Moscow', ['LOC']], ['Russian', ['MISC']], ['Ukraine', ['LOC']],
  ],
  '002': [
    ['Ivan Popov', ['PER']], ['Popov', ['PER']], ['58th Combined Arms Army', ['ORG']], ['Telegram', ['ORG', 'MISC']], ['CNN', ['ORG']],
    ['Andrey Gurulev', ['PER']], ['Southern Military District', ['ORG']], ['Sergei Shoigu', ['PER']], ['Oleg Tsokov', ['PER']],
    ['Berdyansk', ['LOC']], ['Institute for the Study of War', ['ORG']], ['ISW', ['ORG']], ['Valery Gerasimov', ['PER']],
    ['Yevgeny Prigozhin', ['PER']], ['Wagner', ['ORG']], ['Sergey Surovikin', ['PER']], ['Surovikin', ['PER']], ['Zaporizhia', ['LOC']],
    ['Moscow', ['LOC']], ['British', ['MISC']],
  ],
  '003': [
    ['Oleg Tsokov', ['PER']], ['Tsokov', ['PER']], ['Southern Military District', ['ORG']], ['Berdyansk', ['LOC']], ['Ivan Popov', ['PER']],
    ['58th Combined Arms Army', ['ORG']], ['Popov', ['PER']], ['Valery Gerasimov', ['PER']], ['Sergei Shoigu', ['PER']],
    ['Russia', ['LOC']], ['Ukraine', ['LOC']], ['Russian', ['MISC']],
  ],
  '004': [
    ['Valery Gerasimov', ['PER']], ['Vladimir Putin', ['PER']], ['Ivan Popov', ['PER']], ['58th Combined Arms Army', ['ORG']],
    ['Popov', ['PER']], ['Zaporizhia', ['LOC']], ['General Staff', ['ORG']], ['Ukraine', ['LOC']], ['Russian', ['MISC']],
  ],
};

const TITLES = /^(Maj|Gen|General|Major|Lieutenant|Lt|Col|Colonel|Major-General|Lieutenant-General|Minister|MP|President|Chief|Mr|Dr)\b/;

describe('the trained entity recognizer', () => {
  it('loads the committed model from models/ner.bin within the size and time budget', () => {
    const info = ner.nerModelInfo();
    assert.ok(info.path.endsWith(path.join('models', 'ner.bin')), info.path);
    assert.ok(info.bytes > 100_000 && info.bytes <= 15_000_000, `model size ${info.bytes}`);
    assert.ok(info.loadMs < 1000, `load time ${info.loadMs} ms`);
  });

  for (const [prefix, expected] of Object.entries(EXPECTED)) {
    it(`finds every person, organisation and place of seed article ${prefix} with the right type`, () => {
      const found = tag(seed(prefix));
      for (const [name, types] of expected) has(found, name, types);
    });
  }

  it('never puts a title or rank inside a person span in the seed articles', () => {
    for (const prefix of Object.keys(EXPECTED)) {
      for (const e of tag(seed(prefix))) {
        if (e.type === 'PER') assert.ok(!TITLES.test(e.text), `title inside PER span "${e.text}" in seed ${prefix}`);
      }
    }
  });

  it('keeps ranks written without periods, hyphenated ranks and possessives out of the name', () => {
    const s = 'Maj Gen Ivan Popov spoke. Lt Gen Oleg Tsokov died. Major-General Ivan Popov’s message was posted by Russian MP Andrei Gurulyov.';
    const found = tag(s);
    const people = found.filter((e) => e.type === 'PER').map((e) => e.text);
    assert.deepStrictEqual(people, ['Ivan Popov', 'Oleg Tsokov', 'Ivan Popov', 'Andrei Gurulyov']);
  });

  it('tags a dateline with curly quotes and an em dash', () => {
    const found = tag('(CNN) – Russian commander General Ivan Popov said “the army was betrayed” by the Defense Ministry in Moscow.');
    has(found, 'CNN', ['ORG']);
    has(found, 'Ivan Popov', ['PER']);
    has(found, 'Moscow', ['LOC']);
    has(found, 'Russian', ['MISC']);
  });

  it('returns offsets that point at the entity text in the input', () => {
    const s = 'In Kyiv, President Volodymyr Zelensky met NATO officials.';
    for (const e of ner.recognizeEntities(s, text.layout(s))) {
      assert.ok(e.start >= 0 && e.end <= s.length && e.start < e.end);
      assert.ok(e.confidence === undefined || (e.confidence >= 0 && e.confidence <= 1));
      assert.strictEqual(s.slice(e.start, e.end).trim(), s.slice(e.start, e.end));
    }
  });

  it('is deterministic: tagging the same text twice gives identical spans', () => {
    const s = seed('002');
    assert.deepStrictEqual(ner.recognizeEntities(s, text.layout(s)), ner.recognizeEntities(s, text.layout(s)));
  });

  it('does not throw on empty text, whitespace, symbols, very long tokens and control characters', () => {
    const inputs = ['', '   \n\n  ', '“”’–—…', 'A'.repeat(5000), '\u0000\u0001 Popov \uffff', '🙂 Kyiv 🙂 Moscow', "''''''", '- - -',
      'x'.repeat(10) + '\n'.repeat(100), 'Ivan Popov\r\nMoscow\r\n'];
    for (const s of inputs) {
      const out = ner.recognizeEntities(s, text.layout(s));
      assert.ok(Array.isArray(out));
      for (const e of out) assert.ok(e.start >= 0 && e.end <= s.length && e.start < e.end);
    }
  });

  it('tags a long document made of many articles without losing entities at chunk borders', () => {
    const article = seed('000');
    const big = Array.from({ length: 40 }, () => article).join('\n\n');
    const found = ner.recognizeEntities(big, text.layout(big));
    const one = ner.recognizeEntities(article, text.layout(article)).length;
    assert.ok(found.length >= one * 40 * 0.9, `${found.length} entities for 40 copies of ${one}`);
  });
});
