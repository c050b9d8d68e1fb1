import * as assert from 'assert';
import type * as Text from '../../../server/src/analysis/text';
import { serverModule } from '../../helpers/server';

const { layout } = serverModule<typeof Text>('analysis/text');

function sentences(text: string): string[] {
  const lay = layout(text);
  return lay.sentences.map((s) => text.slice(s.start, s.end));
}

describe('sentence splitting', () => {
  it('ends a sentence after a state abbreviation when a quotation opens on a capital (PolNeAR: "Santa Monica, Calif. \\"The reality ...")', () => {
    const text = '"They\'d be wrong," Michael Briggs said in an interview Sunday in Santa Monica, Calif. "The reality is this is going to the convention."\n';
    assert.deepStrictEqual(sentences(text), [
      '"They\'d be wrong," Michael Briggs said in an interview Sunday in Santa Monica, Calif.',
      '"The reality is this is going to the convention."',
    ]);
  });

  it('keeps a title abbreviation and a state abbreviation before a name or a lower-case word inside the sentence', () => {
    assert.strictEqual(sentences('He met Gov. Jerry Brown in Sacramento, Calif. on Monday.\n').length, 1);
    assert.strictEqual(sentences('Rep. Gwen Moore (D-Wis.) said Friday that it was "a dog whistle."\n').length, 1);
    assert.strictEqual(sentences('The U.S. "Nuclear Posture Review" calls for new weapons.\n').length, 1);
  });
});
