/** Workspace symbols from the search strings of folded aliases, in process on the seed articles. */
import * as assert from 'node:assert/strict';
import { workspaceSymbols } from '../../../server/out/features/workspaceSymbols';
import { Articles } from '../../../server/out/workspace/articles';
import { SEED_FILES, seedText } from '../../helpers/seeds';

describe('Workspace symbols', function () {
  this.timeout(60000);
  let articles: Articles;
  before(() => {
    articles = new Articles();
    for (const f of SEED_FILES) articles.setText(`file:///seeds/${f}`, seedText(f.slice(0, 3)), 1);
  });
  const names = (q: string): string[] => workspaceSymbols(articles, q).map((s) => s.name);

  it('ranks a name equal to the query, then names or words starting with it, then names containing it', () => {
    assert.equal(names('Ivan Popov')[0], 'Ivan Popov');
    assert.equal(names('popov')[0], 'Ivan Popov', 'an alias "Popov" equals the query');
    assert.ok(names('Gerasim').includes('Valery Gerasimov'), 'a word of the name starts with the query');
    assert.ok(names('erasimo').includes('Valery Gerasimov'), 'the name contains the query');
    assert.deepEqual(names('zzzz'), []);
  });

  it('finds a name spelled with another transliteration, and every name for an empty query', () => {
    assert.ok(names('Gurulyov').includes('Andrey Gurulev'));
    // neither alias (Andrey Gurulev, Andrei Gurulyov) contains this spelling; word by word they agree
    assert.ok(names('Andrei Gurulev').includes('Andrey Gurulev'));
    const all = names('');
    assert.ok(all.length > 10 && all.includes('Ivan Popov'));
  });

  it('follows the entities as articles change: a new name is found, a removed one is not', () => {
    assert.deepEqual(names('Zelenko'), []);
    articles.setText('file:///seeds/new.txt', 'Oksana Zelenko, a spokeswoman, said the talks would resume.\n', 1);
    assert.equal(names('Zelenko')[0], 'Oksana Zelenko');
    articles.remove('file:///seeds/new.txt');
    assert.deepEqual(names('Zelenko'), []);
  });
});
