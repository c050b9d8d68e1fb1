/**
 * Bad input against the real server over stdio: a binary file named .txt, a 20 MB file, invalid UTF-8,
 * an empty file, CRLF line ends and a byte order mark, thousands of rapid edits with stale versions, files
 * deleted and renamed while the workspace is being indexed. Each time: a clear message where the user
 * needs one, the server alive afterwards (it answers a hover), and nothing lost.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileUri, positionOf, SEEDS, TestServer } from '../helpers/lspClient';

interface Hover { contents: { value: string }; range: { start: { line: number; character: number }; end: { line: number; character: number } } }

const ARTICLE = 'Maj Gen Ivan Popov was dismissed on Friday, the Russian MP Andrei Gurulyov said.\n"I had no right to lie," Popov said.\n';

describe('The language server on bad input', function () {
  this.timeout(120000);
  let dir: string;
  let server: TestServer;
  const seed = (): string => path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith('000'))!);

  /** Alive: it still answers a hover on a seed article with the right card. */
  const assertAlive = async (): Promise<void> => {
    assert.ok(server.alive, 'the server process died');
    const t = fs.readFileSync(seed(), 'utf8');
    const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: fileUri(seed()) }, position: positionOf(t, 'Popov') });
    assert.match(h?.contents.value ?? '', /Ivan Popov/);
  };
  const diagnosticsOf = (f: string): Array<{ code?: string; message: string; severity?: number }> => server.diagnostics.get(fileUri(f)) ?? [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-bad-'));
    for (const f of fs.readdirSync(SEEDS)) if (f.endsWith('.txt')) fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f));
    // bad files present from the start
    fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0xff, 0xfe, ...Array(4000).fill(0)]));
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'latin1.txt'), Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' owner Ivan Popov said "no" on Friday.\n'), Buffer.from(ARTICLE)]));
    fs.writeFileSync(path.join(dir, 'bom-crlf.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE.replace(/\n/g, '\r\n'))]));
    const line = 'Ivan Popov said the front line is holding, a claim that could not be verified. '.repeat(8) + '\n';
    fs.writeFileSync(path.join(dir, 'huge.txt'), line.repeat(Math.ceil(20e6 / line.length)));
    server = await TestServer.start(dir);
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('skips a binary file named .txt with a message on it, and stays alive', async () => {
    const f = path.join(dir, 'binary.txt');
    await server.until(() => diagnosticsOf(f).length > 0, 10000, 'a diagnostic on the binary file');
    assert.match(diagnosticsOf(f)[0].message, /looks binary/);
    await assertAlive();
  });

  it('skips a 20 MB file on disk and the same opened in the editor, saying why, and stays alive', async () => {
    const f = path.join(dir, 'huge.txt');
    await server.until(() => diagnosticsOf(f).length > 0, 10000, 'a diagnostic on the huge file');
    assert.match(diagnosticsOf(f)[0].message, /20\.\d MB, over the limit/);
    const text = fs.readFileSync(f, 'utf8');
    const started = Date.now();
    await server.notify('textDocument/didOpen', { textDocument: { uri: fileUri(f), languageId: 'plaintext', version: 1, text } });
    const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: fileUri(f) }, position: { line: 0, character: 2 } });
    assert.equal(h, null);
    await assertAlive();
    assert.ok(Date.now() - started < 20000, 'the huge buffer froze the server');
    assert.match(diagnosticsOf(f)[0].message, /over the limit/);
    await server.notify('textDocument/didClose', { textDocument: { uri: fileUri(f) } });
  });

  it('reads invalid UTF-8 with a warning at the bad byte, and still finds the names after it at the right place', async () => {
    const f = path.join(dir, 'latin1.txt');
    await server.until(() => diagnosticsOf(f).some((d) => d.code === 'encoding'), 10000, 'an encoding warning');
    const d = diagnosticsOf(f).find((x) => x.code === 'encoding')!;
    assert.match(d.message, /not valid UTF-8/);
    assert.equal(d.severity, 2);
    const text = 'Caf\ufffd owner Ivan Popov said "no" on Friday.\n' + ARTICLE;
    const pos = positionOf(text, 'Gurulyov');
    const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: fileUri(f) }, position: pos });
    assert.match(h!.contents.value, /Gurul/);
    assert.equal(h!.range.start.line, pos.line);
    assert.equal(h!.range.start.character, positionOf(text, 'Andrei Gurulyov').character);
  });

  it('takes an empty file without complaint or crash', async () => {
    const f = path.join(dir, 'empty.txt');
    const symbols = await server.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: fileUri(f) } });
    assert.deepEqual(symbols, []);
    const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: fileUri(f) }, position: { line: 0, character: 0 } });
    assert.equal(h, null);
    await server.notify('textDocument/didOpen', { textDocument: { uri: fileUri(f), languageId: 'plaintext', version: 1, text: '' } });
    await server.notify('textDocument/didChange', { textDocument: { uri: fileUri(f), version: 2 }, contentChanges: [{ text: '' }] });
    await server.notify('textDocument/didClose', { textDocument: { uri: fileUri(f) } });
    await assertAlive();
  });

  it('gives exact positions in a file with a byte order mark and CRLF line ends, on disk and open', async () => {
    const f = path.join(dir, 'bom-crlf.txt');
    const text = ARTICLE.replace(/\n/g, '\r\n'); // as an editor shows it: no BOM
    for (const word of ['Gurulyov', 'Popov']) {
      for (const nth of word === 'Popov' ? [0, 1] : [0]) {
        const pos = positionOf(text, word, nth);
        const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: fileUri(f) }, position: pos });
        assert.ok(h, `no hover on ${word} #${nth}`);
        const line = text.split('\r\n')[h.range.start.line];
        assert.equal(line.slice(h.range.start.character, h.range.end.character).split(' ').pop(), word, `the hover range is off on ${word} #${nth}`);
      }
    }
    await server.notify('textDocument/didOpen', { textDocument: { uri: fileUri(f), languageId: 'plaintext', version: 1, text } });
    const pos = positionOf(text, 'Popov', 1);
    await server.until(() => true);
    const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: fileUri(f) }, position: pos });
    assert.deepEqual(h!.range.start, pos);
    await server.notify('textDocument/didClose', { textDocument: { uri: fileUri(f) } });
  });

  it('survives 3000 rapid edits, with stale and repeated versions, and ends with the analysis of the last text', async () => {
    const f = path.join(dir, 'edited.txt');
    fs.writeFileSync(f, ARTICLE);
    const uri = fileUri(f);
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: ARTICLE } });
    let text = ARTICLE;
    let version = 1;
    const sends: Array<Promise<void>> = [];
    for (let i = 0; i < 3000; i++) {
      // mostly one character typed at the start; some stale version numbers; some whole-text replacements; a few unicode and quotes
      const v = i % 97 === 0 ? version - 5 : i % 89 === 0 ? version : ++version;
      if (i % 250 === 0) {
        text = `${'"\u201c'.repeat(i % 7)}${ARTICLE}`;
        sends.push(server.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] }));
      } else {
        const ch = ['x', ' ', '"', '\u201c', '\n', '\ud83d\ude00', 'Popov '][i % 7];
        text = ch + text;
        sends.push(server.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ch }] }));
      }
    }
    await Promise.all(sends);
    text = `Breaking: ${ARTICLE}`;
    await server.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
    const pos = positionOf(text, 'Gurulyov');
    let h: Hover | null = null;
    await server.until(() => !!server.diagnostics.get(uri), 10000, 'diagnostics of the edited file');
    for (let tries = 0; tries < 50; tries++) {
      h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos });
      if (h && h.range.start.character === positionOf(text, 'Andrei Gurulyov').character) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(h, 'no hover after the edits');
    assert.equal(h.range.start.line, pos.line);
    assert.equal(h.range.start.character, positionOf(text, 'Andrei Gurulyov').character, 'the analysis is of a stale text');
    await server.notify('textDocument/didClose', { textDocument: { uri } });
    await assertAlive();
  });

  it('answers malformed requests and commands with an error or an empty answer, never dying', async () => {
    const uri = fileUri(seed());
    const bad: Array<[string, unknown]> = [
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: -5 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 1e9, character: 1e9 } }],
      ['textDocument/hover', { textDocument: { uri: 'file:///no/such/file.txt' }, position: { line: 0, character: 0 } }],
      ['textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 5, character: 0 }, end: { line: 2, character: 0 } }, context: { diagnostics: [{ source: 'byline', data: { key: 5, there: [null, 3] }, code: 'spelling', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }] } }],
      ['textDocument/references', { textDocument: { uri }, position: { line: 0, character: 0 } }],
      ['workspace/executeCommand', { command: 'byline.annotate.confirm', arguments: [{ uri, start: -4, end: 1e12 }] }],
      ['workspace/executeCommand', { command: 'byline.annotate.add', arguments: [{ uri, start: 0, end: 3, type: '__proto__' }] }],
      ['workspace/executeCommand', { command: 'byline.annotate.same', arguments: ['PER:nobody'] }],
      ['workspace/executeCommand', { command: 'byline.annotate.speaker', arguments: [null] }],
      ['workspace/executeCommand', { command: 'byline.annotate.ignore', arguments: [{ uri: 'http://example.invalid/a.txt', key: 'k' }] }],
      ['workspace/executeCommand', { command: 'byline.export', arguments: [{ format: '../../etc' }] }],
    ];
    let answered = 0;
    for (const [method, params] of bad) {
      try { await server.request(method, params); } catch { /* an error answer is fine */ }
      answered++;
    }
    assert.equal(answered, bad.length);
    assert.ok(!fs.existsSync(path.join(dir, '.byline', 'annotations.json')), 'a malformed command wrote annotations');
    // an edit whose range lies beyond the end of the document
    const f = path.join(dir, 'short.txt');
    fs.writeFileSync(f, ARTICLE);
    await server.notify('textDocument/didOpen', { textDocument: { uri: fileUri(f), languageId: 'plaintext', version: 1, text: ARTICLE } });
    await server.notify('textDocument/didChange', { textDocument: { uri: fileUri(f), version: 2 }, contentChanges: [{ range: { start: { line: 99, character: 0 }, end: { line: 120, character: 4 } }, text: 'Popov' }] });
    await server.notify('textDocument/didClose', { textDocument: { uri: fileUri(f) } });
    await assertAlive();
  });

  it('has logged no unexpected error through all of this', () => {
    const bad = server.logs.filter((l) => /unexpected|failed:/.test(l));
    assert.deepEqual(bad, []);
  });
});

describe('The language server when files vanish while it indexes', function () {
  this.timeout(120000);

  it('indexes 80 articles while 20 are deleted and 10 renamed, forgets the deleted, finds the renamed, and stays alive', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-vanish-'));
    const seeds = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
    for (let i = 0; i < 80; i++) fs.copyFileSync(path.join(SEEDS, seeds[i % seeds.length]), path.join(dir, `a${String(i).padStart(3, '0')}.txt`));
    const server = await TestServer.start(dir, {}, undefined, false);
    try {
      // while it indexes: delete 20, rename 10
      const deleted: string[] = [], renamed: Array<[string, string]> = [];
      for (let i = 0; i < 80; i += 4) { const f = path.join(dir, `a${String(i).padStart(3, '0')}.txt`); fs.rmSync(f); deleted.push(f); }
      for (let i = 1; i < 80; i += 8) {
        const from = path.join(dir, `a${String(i).padStart(3, '0')}.txt`), to = path.join(dir, `renamed${i}.txt`);
        fs.renameSync(from, to);
        renamed.push([from, to]);
      }
      const changes = [
        ...deleted.map((f) => ({ uri: fileUri(f), type: 3 })),
        ...renamed.flatMap(([from, to]) => [{ uri: fileUri(from), type: 3 }, { uri: fileUri(to), type: 1 }]),
      ];
      await server.notify('workspace/didChangeWatchedFiles', { changes });
      await server.until(() => server.logs.some((l) => /indexed \d+ articles/.test(l)), 60000, 'indexing to finish');
      const status = await server.request<{ articles: number }>('byline/status', null);
      assert.equal(status.articles, 80 - deleted.length, `${status.articles} articles indexed`);
      const ws = await server.request<Array<{ location: { uri: string } }>>('workspace/symbol', { query: 'Popov' });
      assert.ok(ws.length > 0);
      const refs = await server.request<Array<{ uri: string }>>('textDocument/references', {
        textDocument: { uri: fileUri(renamed[0][1]) }, position: positionOf(fs.readFileSync(renamed[0][1], 'utf8'), 'Popov'), context: { includeDeclaration: true },
      });
      const uris = new Set(refs.map((r) => r.uri));
      assert.ok(uris.has(fileUri(renamed[0][1])), 'the renamed article is not indexed');
      for (const f of deleted) assert.ok(!uris.has(fileUri(f)), `a deleted article is still indexed: ${f}`);
      for (const [from] of renamed) assert.ok(!uris.has(fileUri(from)), 'an article is still indexed under its old name');
      assert.ok(server.alive);
      assert.deepEqual(server.logs.filter((l) => /unexpected|failed:/.test(l)), []);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
