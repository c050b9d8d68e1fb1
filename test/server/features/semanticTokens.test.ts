/** Protocol tests of the semantic tokens: names by type, quoted words around them, nothing overlapping. */
import * as assert from 'node:assert/strict';
import { TOKEN_TYPES } from '../../../server/out/features/semanticTokens';
import { SeedWorkspace } from '../../helpers/workspace';

describe('Semantic tokens', function () {
  this.timeout(60000);
  let ws: SeedWorkspace;
  before(async () => {
    ws = await SeedWorkspace.start();
  });
  after(async () => { await ws?.stop(); });

  const decode = (data: number[]): Array<{ line: number; start: number; length: number; type: number }> => {
    const out: Array<{ line: number; start: number; length: number; type: number }> = [];
    let line = 0, start = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
      out.push({ line, start, length: data[i + 2], type: data[i + 3] });
    }
    return out;
  };

  it('colours the words of a quote as a quote and the name inside it as a person, without overlap', async () => {
    const uri0 = await ws.open('000');
    const tokens = decode((await ws.server.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: uri0 } })).data);
    const lines = ws.text('000').split('\n');
    const words = tokens.map((t) => ({ ...t, text: lines[t.line].slice(t.start, t.start + t.length), typeName: TOKEN_TYPES[t.type] }));
    assert.ok(words.some((w) => w.typeName === 'quote' && w.text.startsWith('It was necessary either to keep quiet')), 'the first quote is coloured');
    assert.ok(words.some((w) => w.typeName === 'person' && w.text === 'Popov'));
    for (let i = 1; i < tokens.length; i++) {
      const a = tokens[i - 1], b = tokens[i];
      assert.ok(a.line < b.line || a.start + a.length <= b.start, `tokens overlap on line ${b.line}`);
    }
  });
});
