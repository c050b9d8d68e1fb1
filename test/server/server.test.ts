/**
 * Protocol tests: the real language server over stdio, on a copy of the seed articles.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileUri, positionOf, SEEDS, TestServer } from '../helpers/lspClient';

interface Hover { contents: { kind: string; value: string } }
interface Loc { uri: string; range: { start: { line: number; character: number } } }

describe('The language server over stdio', function () {
  this.timeout(60000);
  let dir: string;
  let server: TestServer;
  const file = (prefix: string): string => path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith(prefix))!);
  const text = (prefix: string): string => fs.readFileSync(file(prefix), 'utf8');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-protocol-'));
    for (const f of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f));
    server = await TestServer.start(dir);
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = async (prefix: string): Promise<string> => {
    const uri = fileUri(file(prefix));
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: text(prefix) } });
    return uri;
  };

  it('indexes every seed article on start and publishes diagnostics for closed files too', async () => {
    await server.until(() => server.diagnostics.size >= 4, 10000, 'diagnostics for the seeds');
    const withDiagnostics = [...server.diagnostics.entries()].filter(([, d]) => d.length > 0).map(([u]) => path.basename(u));
    assert.ok(withDiagnostics.length >= 4, `diagnostics only for ${withDiagnostics.join(', ')}`);
  });

  it('counts in its status the disagreements it published, 22 on the seeds', async () => {
    await server.until(() => server.diagnostics.size >= 5, 10000, 'diagnostics for the seeds');
    const published = [...server.diagnostics.values()].flat().filter((d) => d.source === 'byline' && d.data !== undefined).length;
    const status = await server.request<{ articles: number; disagreements: number }>('byline/status', null);
    assert.equal(status.articles, 5);
    assert.equal(status.disagreements, 22);
    assert.equal(published, 22);
  });

  it('shows a hover card on "Popov" that names Ivan Popov and the other articles he appears in', async () => {
    const uri = await open('000');
    const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text('000'), 'Popov') });
    assert.ok(hover, 'no hover');
    const md = hover.contents.value;
    assert.match(md, /\*\*Ivan Popov\*\*/);
    assert.match(md, /person/);
    assert.match(md, /in 5 articles/);
    assert.match(md, /CNN, 13 Jul 2023/);
    assert.match(md, /IT SPARK Media/);
  });

  it('goes to definition from "Gerasimov" and lands in the other articles', async () => {
    const uri = await open('000');
    const locs = await server.request<Loc[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text('000'), 'Gerasimov') });
    const files = new Set(locs.map((l) => path.basename(new URL(l.uri).pathname)));
    assert.ok(files.size >= 3, `definition reached only ${[...files].join(', ')}`);
    assert.ok([...files].some((f) => !f.startsWith('000')));
    // each location is the first mention in its article
    const other = locs.find((l) => l.uri.includes('003_'))!;
    const line = text('003').split('\n')[other.range.start.line];
    assert.equal(line.slice(other.range.start.character, other.range.start.character + 'Valery Gerasimov'.length), 'Valery Gerasimov');
  });

  it('finds references to Popov in every article', async () => {
    const uri = await open('001');
    const locs = await server.request<Loc[]>('textDocument/references', {
      textDocument: { uri }, position: positionOf(text('001'), 'Popov'), context: { includeDeclaration: true },
    });
    const files = new Set(locs.map((l) => path.basename(new URL(l.uri).pathname).slice(0, 3)));
    assert.deepEqual([...files].sort(), ['000', '001', '002', '003', '004']);
    assert.ok(locs.length >= 25, `only ${locs.length} references`);
  });

  it('publishes the Gurulyov / Gurulev spelling diagnostic with related information in the other article', async () => {
    const uri = fileUri(file('000'));
    await server.until(() => (server.diagnostics.get(uri) ?? []).some((d) => d.code === 'spelling' && /Gurulyov/.test(d.message)), 10000, 'the spelling diagnostic');
    const d = server.diagnostics.get(uri)!.find((x) => x.code === 'spelling' && /Gurulyov/.test(x.message))!;
    assert.match(d.message, /Gurulev/);
    assert.ok(d.relatedInformation && d.relatedInformation.length > 0);
    assert.ok(d.relatedInformation.some((r) => r.location.uri.includes('001_') || r.location.uri.includes('002_')));
  });

  it('lists the entities and quotes of an article in its outline and finds Popov among workspace symbols', async () => {
    const uri = await open('002');
    const symbols = await server.request<Array<{ name: string; children?: Array<{ name: string }> }>>('textDocument/documentSymbol', { textDocument: { uri } });
    const people = symbols.find((s) => s.name === 'People');
    assert.ok(people?.children?.some((c) => c.name === 'Ivan Popov'));
    const ws = await server.request<Array<{ name: string }>>('workspace/symbol', { query: 'Popov' });
    assert.equal(ws[0]?.name, 'Ivan Popov');
  });

  it('colours names by entity type with semantic tokens', async () => {
    const uri = await open('000');
    const tokens = await server.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.ok(tokens.data.length >= 5 * 20, 'too few semantic tokens');
    const types = new Set(tokens.data.filter((_, i) => i % 5 === 3));
    assert.ok(types.has(0) && types.has(1) && types.has(2), 'person, organization and location tokens expected');
  });

  it('re-analyses an edited article and updates the other articles\' diagnostics', async () => {
    const uri = await open('001');
    const original = text('001');
    const pos = positionOf(original, 'Andrey Gurulev');
    // make 001 spell the name as 000 does: 000's diagnostic must then point only at 002
    await server.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: pos, end: { line: pos.line, character: pos.character + 'Andrey Gurulev'.length } }, text: 'Andrei Gurulyov' }],
    });
    const u000 = fileUri(file('000'));
    await server.until(() => {
      const d = (server.diagnostics.get(u000) ?? []).find((x) => x.code === 'spelling' && /Gurulyov/.test(x.message));
      return !!d && d.relatedInformation!.every((r) => !r.location.uri.includes('001_'));
    }, 10000, 'the diagnostic of 000 to stop pointing at 001');
    await server.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('indexes a new article written to disk and forgets a deleted one', async () => {
    const added = path.join(dir, '005_added.txt');
    fs.writeFileSync(added, 'Andrei Gurulyov, a Russian MP, said on Friday that the Kremlin was lying.\n');
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(added), type: 1 }] });
    const u = fileUri(added);
    await server.until(() => (server.diagnostics.get(u) ?? []).length > 0, 10000, 'diagnostics for the new file');
    fs.rmSync(added);
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: u, type: 3 }] });
    await server.until(() => (server.diagnostics.get(u) ?? []).length === 0, 10000, 'the deleted file\'s diagnostics to clear');
    const ws = await server.request<Array<{ location: { uri: string } }>>('workspace/symbol', { query: 'Gurulyov' });
    assert.ok(ws.every((s) => !s.location.uri.includes('005_')));
  });
});

describe('The language server\'s diagnostics at start', function () {
  this.timeout(60000);
  let dir: string;
  let server: TestServer;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-quiet-'));
    for (const f of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'weather.txt'), 'The weather stayed mild all week.\n\nRain is expected on the coast later.\n');
    server = await TestServer.start(dir);
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends, before saying the workspace is indexed, the diagnostics of every article that has any and no empty list to a fresh client', async () => {
    assert.ok(server.indexed);
    for (const f of fs.readdirSync(SEEDS)) assert.ok((server.diagnostics.get(fileUri(path.join(dir, f))) ?? []).length > 0, f);
    assert.equal(server.diagnostics.has(fileUri(path.join(dir, 'weather.txt'))), false);
    const status = await server.request<{ articles: number }>('byline/status', null);
    assert.equal(status.articles, 6);
  });
});
