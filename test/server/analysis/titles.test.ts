import * as assert from 'node:assert/strict';
import { layout } from '../../../server/out/analysis/text';
import { lessSpecific, titleBefore } from '../../../server/out/analysis/titles';

function titleOf(sentence: string, name: string): { text: string; normalized: string; rank?: number } | undefined {
  const { tokens } = layout(sentence);
  const first = tokens.findIndex((t) => t.start === sentence.indexOf(name));
  const t = titleBefore(tokens, first, 0);
  return t && { text: t.text, normalized: t.normalized, rank: t.rank };
}

describe('Titles and ranks before a name', () => {
  it('reads abbreviated, spelled-out and hyphenated ranks as the same rank', () => {
    assert.deepEqual(titleOf('Maj Gen Ivan Popov was fired.', 'Ivan'), { text: 'Maj Gen', normalized: 'major general', rank: 2 });
    assert.equal(titleOf('Major General Ivan Popov was fired.', 'Ivan')?.normalized, 'major general');
    assert.equal(titleOf('A message from Major-General Ivan Popov.', 'Ivan')?.normalized, 'major general');
    assert.equal(titleOf('Lt Gen Oleg Tsokov died.', 'Oleg')?.normalized, 'lieutenant general');
    assert.equal(titleOf('Lieutenant General Oleg Tsokov died.', 'Oleg')?.normalized, 'lieutenant general');
  });

  it('takes a nationality in front of a civil title along', () => {
    assert.deepEqual(titleOf('It was posted by Russian MP Andrei Gurulyov.', 'Andrei'), { text: 'Russian MP', normalized: 'member of parliament', rank: undefined });
    assert.equal(titleOf('Defence Minister Sergei Shoigu said.', 'Sergei')?.normalized, 'defense minister');
  });

  it('does not take a lower-case common noun for a title', () => {
    assert.equal(titleOf('He met the general Ivan Popov.', 'Ivan'), undefined);
    assert.equal(titleOf('They said Ivan Popov left.', 'Ivan'), undefined);
  });

  it('knows that General is only less specific than Major General, not a different rank', () => {
    const general = { start: 0, end: 7, text: 'General', normalized: 'general', rank: 0 };
    const major = { start: 0, end: 7, text: 'Maj Gen', normalized: 'major general', rank: 2 };
    const lieutenant = { start: 0, end: 7, text: 'Lt Gen', normalized: 'lieutenant general', rank: 3 };
    assert.equal(lessSpecific(general, major), true);
    assert.equal(lessSpecific(major, general), false);
    assert.equal(lessSpecific(major, lieutenant), false);
  });
});
