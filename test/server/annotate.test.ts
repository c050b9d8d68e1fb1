/**
 * Annotating over the protocol: code actions on mentions and disagreements, the byline.annotate.*
 * commands, the annotation file written (atomically, diffable), applied (the user's word wins), picked up
 * when edited outside the editor, reported (never overwritten) when broken, and never written in an
 * untrusted workspace.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileUri, positionOf, SEEDS, TestServer } from '../helpers/lspClient';

interface Action { title: string; command?: { command: string; arguments: unknown[] }; edit?: { changes: Record<string, Array<{ newText: string }>> } }
interface Result { ok: boolean; message: string; problems?: Array<{ path: string; message: string }> }
interface Hover { contents: { value: string } }

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-annotate-'));
  for (const f of fs.readdirSync(SEEDS)) if (f.endsWith('.txt')) fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f));
  return dir;
}

describe('Annotating over the protocol', function () {
  this.timeout(60000);
  let dir: string;
  let server: TestServer;
  let annotations: string;
  const file = (prefix: string): string => path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith(prefix))!);
  const text = (prefix: string): string => fs.readFileSync(file(prefix), 'utf8');
  const run = (command: string, ...args: unknown[]): Promise<Result> => server.request<Result>('workspace/executeCommand', { command, arguments: args });
  const actionsAt = async (prefix: string, word: string, diagnostics: unknown[] = []): Promise<Action[]> => {
    const pos = positionOf(text(prefix), word);
    return server.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: fileUri(file(prefix)) }, range: { start: pos, end: pos }, context: { diagnostics },
    });
  };
  const hover = (prefix: string, word: string, nth = 0): Promise<Hover | null> =>
    server.request<Hover | null>('textDocument/hover', { textDocument: { uri: fileUri(file(prefix)) }, position: positionOf(text(prefix), word, nth) });

  before(async () => {
    dir = workspace();
    annotations = path.join(dir, '.byline', 'annotations.json');
    server = await TestServer.start(dir, {}, { trusted: true });
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('offers Confirm, Reject and Change type on a mention, and rejecting it removes the mention and writes the file', async () => {
    const actions = await actionsAt('000', 'Donetsk');
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Confirm "Donetsk"')), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('Reject this mention')));
    assert.ok(titles.some((t) => t.startsWith('Change type to person')));
    const reject = actions.find((a) => a.title.startsWith('Reject'))!;
    const r = await run(reject.command!.command, ...reject.command!.arguments);
    assert.ok(r.ok, r.message);
    assert.equal(await hover('000', 'Donetsk'), null, 'the rejected mention still has a hover');
    const saved = fs.readFileSync(annotations, 'utf8');
    assert.ok(saved.endsWith('}\n'));
    const json = JSON.parse(saved);
    const m = json.documents[path.basename(file('000'))].mentions[0];
    assert.equal(m.action, 'reject');
    assert.equal(m.anchor.exact, 'Donetsk');
    assert.equal(typeof m.anchor.prefix, 'string');
    assert.deepEqual(fs.readdirSync(path.dirname(annotations)), ['annotations.json'], 'a temporary file was left behind');
  });

  it('changes a type from a code action, and the hover shows the new type', async () => {
    const actions = await actionsAt('000', 'Zaporizhzhia');
    const toOrg = actions.find((a) => a.title.startsWith('Change type to organization'))!;
    assert.ok((await run(toOrg.command!.command, ...toOrg.command!.arguments)).ok);
    const h = await hover('000', 'Zaporizhzhia');
    assert.match(h!.contents.value, /organization/);
  });

  it('adds a missed mention from a selection', async () => {
    const t = text('000');
    const at = t.indexOf('voice message');
    const r = await run('byline.annotate.add', { uri: fileUri(file('000')), start: at, end: at + 'voice message'.length, type: 'MISC' });
    assert.ok(r.ok, r.message);
    const h = await hover('000', 'voice message');
    assert.match(h!.contents.value, /voice message/);
  });

  it('offers "Use this spelling here", "These are different entities" and "Ignore" on the spelling disagreement, and ignoring it clears it', async () => {
    const uri = fileUri(file('000'));
    await server.until(() => (server.diagnostics.get(uri) ?? []).some((d) => d.code === 'spelling' && /Gurulyov/.test(d.message)), 10000, 'the spelling diagnostic');
    const d = server.diagnostics.get(uri)!.find((x) => x.code === 'spelling' && /Gurulyov/.test(x.message))!;
    const actions = await server.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const use = actions.find((a) => a.title.startsWith('Use this spelling here'))!;
    assert.ok(use, actions.map((a) => a.title).join(' | '));
    assert.equal(use.edit!.changes[uri][0].newText, 'Andrey Gurulev');
    assert.ok(actions.some((a) => a.title.startsWith('These are different entities')));
    const ignore = actions.find((a) => a.title === 'Ignore this disagreement')!;
    assert.ok((await run(ignore.command!.command, ...ignore.command!.arguments)).ok);
    await server.until(() => !(server.diagnostics.get(uri) ?? []).some((x) => x.code === 'spelling' && /Gurulyov/.test(x.message)), 10000, 'the ignored diagnostic to go');
    assert.equal(JSON.parse(fs.readFileSync(annotations, 'utf8')).ignored.length, 1);
  });

  it('merges two entities by id with byline.annotate.same, and splits them again with byline.annotate.different', async () => {
    const refs = async (): Promise<string[]> => {
      const t = text('003');
      const locs = await server.request<Array<{ uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>>('textDocument/references', {
        textDocument: { uri: fileUri(file('003')) }, position: positionOf(t, 'Gerasimov'), context: { includeDeclaration: true } });
      return locs.map((l) => {
        const line = fs.readFileSync(new URL(l.uri), 'utf8').split('\n')[l.range.start.line];
        return line.slice(l.range.start.character, l.range.end.character);
      });
    };
    assert.ok(!(await refs()).some((w) => /Popov/.test(w)));
    const r = await run('byline.annotate.same', 'PER:valery-gerasimov', 'PER:ivan-popov');
    assert.ok(r.ok, r.message);
    assert.ok((await refs()).some((w) => /Popov/.test(w)), 'the two names are not one entity');
    const r2 = await run('byline.annotate.different', { names: ['Valery Gerasimov', 'Ivan Popov'] });
    assert.ok(r2.ok, r2.message);
    const json = JSON.parse(fs.readFileSync(annotations, 'utf8'));
    assert.equal(json.same.length, 0);
    assert.equal(json.different.length, 1);
  });

  it('sets the speaker of a quote', async () => {
    const t = text('000');
    const at = t.indexOf('It was necessary');
    const actions = await actionsAt('000', 'It was necessary');
    assert.ok(actions.some((a) => a.title.startsWith('The speaker of this quote is')), actions.map((a) => a.title).join(' | '));
    const r = await run('byline.annotate.speaker', { uri: fileUri(file('000')), start: at, end: at + 10, speaker: 'Andrei Gurulyov' });
    assert.ok(r.ok, r.message);
    const h = await hover('000', 'It was necessary');
    assert.match(h!.contents.value, /Gurul/);
  });

  it('re-anchors annotations after the article is edited on disk, and reports (not drops) one whose words are gone', async () => {
    const f = file('000');
    const before = fs.readFileSync(annotations, 'utf8');
    fs.writeFileSync(f, `EDITOR'S NOTE: a paragraph added on top.\n\n${fs.readFileSync(f, 'utf8').replaceAll('voice message', 'recorded statement')}`);
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(f), type: 2 }] });
    const uri = fileUri(f);
    await server.until(() => (server.diagnostics.get(uri) ?? []).some((d) => d.code === 'annotation'), 10000, 'the orphaned annotation to be reported');
    const orphan = server.diagnostics.get(uri)!.find((d) => d.code === 'annotation')!;
    assert.match(orphan.message, /voice message/);
    assert.equal(await hover('000', 'Donetsk'), null, 'the rejection did not follow the edit');
    assert.equal(fs.readFileSync(annotations, 'utf8'), before, 'the annotation file was changed by an edit to the article');
    const listed = await run('byline.annotate.problems');
    assert.ok(listed.problems!.some((p) => /voice message/.test(p.message)));
  });

  it('picks up the annotation file replaced outside the editor', async () => {
    const json = JSON.parse(fs.readFileSync(annotations, 'utf8'));
    json.ignored = [];
    // replaced as editors and git do: a new file renamed over the old one
    fs.writeFileSync(`${annotations}.new`, `${JSON.stringify(json, null, 2)}\n`);
    fs.renameSync(`${annotations}.new`, annotations);
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(annotations), type: 2 }] });
    const uri = fileUri(file('000'));
    await server.until(() => (server.diagnostics.get(uri) ?? []).some((x) => x.code === 'spelling' && /Gurulyov/.test(x.message)), 10000, 'the un-ignored diagnostic to come back');
  });

  it('reports a hand-broken annotation file with its line, goes on without it, refuses to save over it, and recovers when fixed', async () => {
    const good = fs.readFileSync(annotations, 'utf8');
    const broken = good.replace('"ignored"', '"ignored" oops');
    fs.writeFileSync(annotations, broken);
    const line = broken.split('\n').findIndex((l) => l.includes('oops'));
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(annotations), type: 2 }] });
    await server.until(() => server.messages.some((m) => /annotation file is broken/.test(m.message)), 10000, 'a message about the broken file');
    const msg = server.messages.find((m) => /annotation file is broken/.test(m.message))!;
    assert.match(msg.message, new RegExp(`:${line + 1}:\\d+`));
    const fileDiag = server.diagnostics.get(fileUri(annotations))!;
    assert.equal(fileDiag[0].range.start.line, line);
    // without the annotations, the rejected Donetsk is a mention again
    const uri = fileUri(file('000'));
    await server.until(() => true);
    assert.ok(await hover('000', 'Donetsk'), 'the broken file\'s annotations are still applied');
    const r = await run('byline.annotate.confirm', { uri, start: 0, end: 3 });
    assert.equal(r.ok, false);
    assert.match(r.message, /never overwrites a broken annotation file/);
    assert.equal(fs.readFileSync(annotations, 'utf8'), broken, 'the broken file was overwritten');
    assert.ok(server.alive);
    fs.writeFileSync(annotations, good);
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(annotations), type: 2 }] });
    await server.until(() => (server.diagnostics.get(fileUri(annotations)) ?? []).length === 0, 10000, 'the file diagnostic to clear');
    assert.equal(await hover('000', 'Donetsk'), null);
  });

  it('goes on without annotations when the file is deleted, and the file comes back when an annotation is made', async () => {
    fs.rmSync(annotations);
    await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(annotations), type: 3 }] });
    await server.until(() => true);
    assert.ok(await hover('000', 'Donetsk'));
    const t = text('000');
    const at = t.indexOf('Popov');
    assert.ok((await run('byline.annotate.confirm', { uri: fileUri(file('000')), start: at, end: at + 5 })).ok);
    assert.ok(fs.existsSync(annotations));
  });

  it('exports the workspace from the editor', async () => {
    const r = await run('byline.export', { format: 'jsonl' });
    assert.ok(r.ok, r.message);
    const out = path.join(dir, '.byline', 'export', 'jsonl', 'byline.jsonl');
    assert.equal(fs.readFileSync(out, 'utf8').trim().split('\n').length, 5);
  });
});

describe('Annotating in an untrusted workspace', function () {
  this.timeout(60000);
  it('refuses to write the annotation file or export, and says why', async () => {
    const dir = workspace();
    const server = await TestServer.start(dir, {}, { trusted: false });
    try {
      const t = fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith('000'))!), 'utf8');
      const uri = fileUri(path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith('000'))!));
      const at = t.indexOf('Popov');
      const r = await server.request<Result>('workspace/executeCommand', { command: 'byline.annotate.reject', arguments: [{ uri, start: at, end: at + 5 }] });
      assert.equal(r.ok, false);
      assert.match(r.message, /untrusted/);
      const e = await server.request<Result>('workspace/executeCommand', { command: 'byline.export', arguments: [{ format: 'brat' }] });
      assert.equal(e.ok, false);
      assert.ok(!fs.existsSync(path.join(dir, '.byline')), 'something was written in an untrusted workspace');
      await server.until(() => server.messages.some((m) => /untrusted/.test(m.message)), 5000, 'a message to the user');
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Showing someone else\'s annotations', function () {
  this.timeout(60000);
  const polnear = path.resolve(SEEDS, '..', '..', 'shared', 'data', 'polnear', 'dev');
  (fs.existsSync(polnear) ? it : it.skip)('imports PolNeAR\'s brat attributions of an article as hints at the right words, and clears them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-import-'));
    const ann = fs.readdirSync(path.join(polnear, 'attributions')).sort()[0];
    const name = `${ann.replace(/_[0-9a-f]+\.ann$/, '')}.txt`;
    fs.copyFileSync(path.join(polnear, 'text', name), path.join(dir, name));
    fs.mkdirSync(path.join(dir, 'attributions'));
    fs.copyFileSync(path.join(polnear, 'attributions', ann), path.join(dir, 'attributions', ann));
    const server = await TestServer.start(dir);
    try {
      const r = await server.request<Result>('workspace/executeCommand', { command: 'byline.import', arguments: [{ dir: 'attributions' }] });
      assert.ok(r.ok, r.message);
      const uri = fileUri(path.join(dir, name));
      await server.until(() => (server.diagnostics.get(uri) ?? []).some((d) => d.code === 'imported'), 10000, 'imported hints');
      const hints = server.diagnostics.get(uri)!.filter((d) => d.code === 'imported');
      assert.ok(hints.every((d) => d.severity === 4));
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const source = hints.find((d) => /source of/.test(d.message))!;
      const line = text.split('\n')[source.range.start.line];
      const quoted = /source of “([^”]+)”/.exec(source.message)![1];
      assert.ok(line.slice(source.range.start.character).startsWith(quoted.replace(/…$/, '')), `${quoted} is not at the hint`);
      await server.request('workspace/executeCommand', { command: 'byline.import', arguments: [{ clear: true }] });
      await server.until(() => !(server.diagnostics.get(uri) ?? []).some((d) => d.code === 'imported'), 10000, 'the hints to clear');
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
