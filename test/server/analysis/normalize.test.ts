import * as assert from 'node:assert/strict';
import { acronymOf, foldWord, nameKey, orgKey } from '../../../server/out/analysis/normalize';

describe('Spelling-aware name keys', () => {
  const same = (a: string, b: string): void => assert.equal(nameKey(a), nameKey(b), `${a} should key like ${b}`);
  const differ = (a: string, b: string): void => assert.notEqual(nameKey(a), nameKey(b), `${a} should not key like ${b}`);

  it('treats the transliterations of Russian and Ukrainian names as one name', () => {
    same('Andrei Gurulyov', 'Andrey Gurulev');
    same('Sergei Shoigu', 'Sergey Shoigu');
    same('Dmitriy Peskov', 'Dmitry Peskov');
    same('Yevgeny Prigozhin', 'Evgeny Prigozhin');
    same('Mikhail Khodorkovsky', 'Mihail Hodorkovsky');
    same('Fyodor Lukyanov', 'Fedor Lukyanov');
  });

  it('treats doubled letters, zhzh and exonyms of Ukrainian places as one place', () => {
    same('Zaporizhzhia', 'Zaporizhia');
    same('Kyiv', 'Kiev');
    same('Kharkiv', 'Kharkov');
    same('Odessa', 'Odesa');
    same('Luhansk', 'Lugansk');
  });

  it('treats British and American spellings and accents alike', () => {
    same('Ministry of Defence', 'Ministry of Defense');
    same('Zelenskyy', 'Zelenskyy');
    same('José Martí', 'Jose Marti');
    assert.equal(foldWord('defence'), foldWord('defense'));
  });

  it('keeps different names apart', () => {
    differ('Popov', 'Popova');
    differ('Ivan Popov', 'Mikhail Popov');
    differ('Russia', 'Prussia');
    differ('Gurulev', 'Gurevich');
  });

  it('keys military units by number and head noun, and ignores possessives', () => {
    assert.equal(orgKey('58th Army'), orgKey('58th Combined Arms Army'));
    assert.equal(orgKey('58th Combined Army'), orgKey('the 58th Army'));
    assert.notEqual(orgKey('58th Army'), orgKey('8th Army'));
    assert.notEqual(orgKey('58th Army'), orgKey('58th Division'));
    assert.equal(nameKey("Popov's"), nameKey('Popov'));
    assert.equal(nameKey('Popov’s'), nameKey('Popov'));
  });

  it('derives acronyms from organisation names without their function words', () => {
    assert.equal(acronymOf('Institute for the Study of War'), 'isw');
    assert.equal(acronymOf('North Atlantic Treaty Organization'), 'nato');
    assert.equal(acronymOf('Wagner'), '');
  });
});
