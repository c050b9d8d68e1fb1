/** Protocol tests of the code lenses, and of turning them off in the settings. */
import * as assert from 'node:assert/strict';
import { SeedWorkspace, textAt } from '../../helpers/workspace';

interface Lens { range: { start: { line: number; character: number }; end: { line: number; character: number } }; command?: { title: string; command: string; arguments?: unknown[] } }
interface Loc { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }

describe('Code lenses', function () {
  this.timeout(60000);

  describe('with the default settings', () => {
    let ws: SeedWorkspace;
    before(async () => { ws = await SeedWorkspace.start(); });
    after(async () => { await ws?.stop(); });

    it('puts "quoted in 3 sources" above the quote that three articles carry, opening all three', async () => {
      const uri = await ws.open('000');
      const lenses = await ws.server.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
      const text = ws.text('000');
      const lens = lenses.find((l) => l.command?.title.startsWith('quoted in'));
      assert.ok(lens, `no quote lens in ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
      assert.equal(lens.command!.title, 'quoted in 3 sources · 2 worded differently');
      assert.equal(lens.command!.command, 'byline.showLocations');
      assert.match(text.split('\n')[lens.range.start.line], /I had no right to lie/);
      const [target, position, locations] = lens.command!.arguments as [string, Loc['range']['start'], Loc[]];
      assert.equal(target, uri);
      assert.equal(position.line, lens.range.start.line);
      assert.equal(locations.length, 3);
      const files = locations.map((l) => l.uri.replace(/^.*\//, '').slice(0, 3)).sort();
      assert.deepEqual(files, ['000', '001', '002']);
      assert.match(textAt(text, locations[0].range), /^I had no right to lie/);
    });

    it('puts no article counts above names unless asked to', async () => {
      const uri = await ws.open('000');
      const lenses = await ws.server.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.ok(lenses.length > 0);
      assert.ok(lenses.every((l) => l.command!.title.startsWith('quoted in')), JSON.stringify(lenses.map((l) => l.command?.title)));
    });
  });

  describe('with byline.codeLens.entities on', () => {
    let ws: SeedWorkspace;
    before(async () => { ws = await SeedWorkspace.start({ codeLens: { entities: true } }); });
    after(async () => { await ws?.stop(); });

    it('puts the article count above the first mention of a widely covered person, and only there', async () => {
      const uri = await ws.open('000');
      const lenses = await ws.server.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
      const popov = lenses.filter((l) => l.command?.title.startsWith('Ivan Popov'));
      assert.equal(popov.length, 1);
      assert.equal(popov[0].command!.title, 'Ivan Popov · 5 articles, 30 mentions');
      assert.equal(popov[0].range.start.line, 1, 'the first mention of Popov in 000 is on its second line');
      const locations = (popov[0].command!.arguments as [string, unknown, Loc[]])[2];
      assert.equal(new Set(locations.map((l) => l.uri)).size, 5);
      // places and other names get no lens
      assert.ok(lenses.every((l) => !/^(Ukraine|Russian|Zaporizh)/.test(l.command!.title)));
    });
  });

  describe('with byline.codeLens.enabled off', () => {
    let ws: SeedWorkspace;
    before(async () => { ws = await SeedWorkspace.start({ codeLens: { enabled: false } }); });
    after(async () => { await ws?.stop(); });

    it('returns no code lenses', async () => {
      const uri = await ws.open('000');
      const lenses = await ws.server.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.deepEqual(lenses, []);
    });

    it('returns no semantic tokens when semantic highlighting is off too, and all of them when it is on again', async () => {
      const reconfigure = async (settings: Record<string, unknown>): Promise<void> => {
        ws.server.settings = settings;
        ws.server.indexed = false;
        await ws.server.notify('workspace/didChangeConfiguration', { settings: {} });
        await ws.server.until(() => ws.server.indexed, 20000, 'the server to re-index with the new settings');
      };
      await reconfigure({ semanticHighlighting: { enabled: false } });
      const uri = await ws.open('001');
      const off = await ws.server.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
      assert.equal(off.data.length, 0);
      await reconfigure({});
      const on = await ws.server.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
      assert.ok(on.data.length > 50);
    });
  });
});
