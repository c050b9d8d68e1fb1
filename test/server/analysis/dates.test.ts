import * as assert from 'node:assert/strict';
import { findDates, normalizeDate } from '../../../server/out/analysis/dates';

describe('Date expressions', () => {
  it('finds absolute and relative dates with their exact spans', () => {
    const text = 'In a message posted late Wednesday, July 12, he spoke. A month ago the offensive began; on 2023-07-13 it stalled.';
    const found = findDates(text, '2023-07-13').map((d) => text.slice(d.start, d.end));
    assert.deepEqual(found, ['late Wednesday, July 12', 'A month ago', '2023-07-13']);
  });

  it('normalises relative dates against the article date', () => {
    assert.equal(normalizeDate('Wednesday', '2023-07-13'), '2023-07-12');
    assert.equal(normalizeDate('late Wednesday', '2023-07-13'), '2023-07-12');
    assert.equal(normalizeDate('July 12', '2023-07-13'), '2023-07-12');
    assert.equal(normalizeDate('a month ago', '2023-07-13'), '2023-06');
    assert.equal(normalizeDate('three weeks prior', '2023-07-13'), '2023-06-22');
    assert.equal(normalizeDate('yesterday', '2023-07-13'), '2023-07-12');
    assert.equal(normalizeDate('July', '2023-11-07'), '2023-07');
    assert.equal(normalizeDate('December', '2023-01-10'), '2022-12');
  });

  it('leaves relative dates without an article date unnormalised but keeps absolute ones', () => {
    assert.equal(normalizeDate('Wednesday'), undefined);
    assert.equal(normalizeDate('12 July 2023'), '2023-07-12');
    assert.equal(normalizeDate('July 12, 2023'), '2023-07-12');
  });

  it('does not take the modal verb may for the month', () => {
    const text = 'Russian lines may be vulnerable, analysts say.';
    assert.deepEqual(findDates(text), []);
  });

  it('finds the same dates in a long article as in each of its sentences alone (the patterns it skips could not match)', () => {
    const sentences = [
      'In a message posted late Wednesday, July 12, he spoke.', 'A month ago the offensive began; on 2023-07-13 it stalled.',
      'TWO WEEKS EARLIER the talks failed.', 'Yesterday the minister resigned, and tonight he flies.', 'The treaty of 12 March 2024 holds.',
      'Nothing happened here at all, said the officer.', 'In Sept. 2022 and since 1999 nothing changed.', 'Early Monday morning was quiet.',
    ];
    const filler = ' The lines held and the analysts wrote their notes.'.repeat(8);
    for (let k = 0; k < sentences.length; k++) {
      const text = sentences.slice(0, k + 1).join(filler);
      assert.ok(text.length >= 256 || k === 0);
      const long = findDates(text, '2023-07-13').map((d) => [text.slice(d.start, d.end), d.value]);
      const each = sentences.slice(0, k + 1).flatMap((s) => findDates(s, '2023-07-13').map((d) => [s.slice(d.start, d.end), d.value]));
      assert.deepEqual(long, each);
    }
    const noDates = 'Nothing happened here at all, said the officer.' + filler;
    assert.deepEqual(findDates(noDates), []);
  });
});
