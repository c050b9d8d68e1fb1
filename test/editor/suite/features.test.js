// The editor features around the names in an article: highlights, semantic colouring, code lenses
// and the palette commands, asked of VS Code itself so that the answers come from Byline.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const h = require('./helpers');

suite('Editor features in the first article', function () {
  let doc000;

  suiteSetup(async function () {
    await h.bylineActive();
    doc000 = await h.open('000_');
  });

  test('Putting the cursor on "Popov" highlights every mention of him in the article, and nothing else.', async function () {
    const pos = h.positionOf(doc000, 'Popov');
    const popovs = h.rangesOf(doc000, 'Popov');
    assert.ok(popovs.length >= 5, `the first article names Popov ${popovs.length} times, expected at least 5`);
    await h.eventually(async () => {
      const highlights = await vscode.commands.executeCommand('vscode.executeDocumentHighlights', doc000.uri, pos);
      assert.ok(Array.isArray(highlights) && highlights.length > 0, 'the document highlight provider returned nothing for "Popov"');
      const texts = highlights.map((x) => doc000.getText(x.range));
      for (const t of texts) assert.match(t, /Popov/, `a highlight covers "${t}", which is not a mention of Popov (all: ${texts.join(' | ')})`);
      const missed = popovs.filter((r) => !highlights.some((x) => x.range.contains(r)));
      assert.equal(missed.length, 0, `${missed.length} of the ${popovs.length} occurrences of "Popov" are not highlighted (lines ${missed.map((r) => r.start.line + 1).join(', ')}); highlights: ${texts.join(' | ')}`);
      assert.equal(highlights.length, popovs.length, `${highlights.length} highlights for ${popovs.length} mentions of Popov: ${texts.join(' | ')}`);
    });
  });

  test('The semantic tokens of the article colour people, organizations and places, with Popov as a person.', async function () {
    const tokens = await h.eventually(async () => {
      const legend = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', doc000.uri);
      assert.ok(legend && Array.isArray(legend.tokenTypes), 'no semantic tokens legend for the article');
      for (const t of ['person', 'organization', 'location']) assert.ok(legend.tokenTypes.includes(t), `the legend has no "${t}" type: ${legend.tokenTypes.join(', ')}`);
      const st = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', doc000.uri);
      assert.ok(st && st.data && st.data.length > 0, 'the semantic tokens provider returned no tokens for the article');
      assert.equal(st.data.length % 5, 0, `semantic token data of length ${st.data.length} is not a multiple of 5`);
      // decode the relative (line, start, length, type, modifiers) quintuples
      const out = [];
      let line = 0;
      let char = 0;
      for (let i = 0; i < st.data.length; i += 5) {
        const [dl, dc, len, type] = st.data.slice(i, i + 4);
        line += dl;
        char = dl === 0 ? char + dc : dc;
        const range = new vscode.Range(line, char, line, char + len);
        out.push({ type: legend.tokenTypes[type], text: doc000.getText(range), range });
      }
      const byType = (t) => out.filter((x) => x.type === t).map((x) => x.text);
      for (const t of ['person', 'organization', 'location']) assert.ok(byType(t).length > 0, `no "${t}" token in the article; tokens: ${out.slice(0, 30).map((x) => `${x.type}:${x.text}`).join(', ')}`);
      return { out, byType };
    });
    const { out, byType } = tokens;
    const popov = out.filter((x) => /Popov/.test(x.text));
    assert.ok(popov.length > 0, 'no token covers "Popov"');
    assert.ok(popov.every((x) => x.type === 'person'), `"Popov" is coloured as ${[...new Set(popov.map((x) => x.type))].join(', ')}, not person`);
    assert.ok(byType('person').some((t) => /Gerasimov|Shoigu|Gurulyov/.test(t)), `the other people are not coloured as people: ${byType('person').join(', ')}`);
    assert.ok(byType('location').some((t) => /Ukraine|Zaporizhzhia|Moscow|Donetsk|Russia/.test(t)), `no known place is coloured as a location: ${byType('location').join(', ')}`);
    for (const x of out) assert.ok(x.text.trim().length > 0, `an empty token at line ${x.range.start.line + 1}`);
  });

  test('A code lens above the quote "I had no right to lie" says it is quoted in 3 sources.', async function () {
    const quoteLine = h.rangesOf(doc000, 'I had no right to lie')[0];
    assert.ok(quoteLine, 'the first article has no "I had no right to lie" quote');
    await h.eventually(async () => {
      const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc000.uri, 10);
      assert.ok(Array.isArray(lenses) && lenses.length > 0, 'the code lens provider returned no lens for the first article');
      const titles = lenses.map((l) => `line ${l.range.start.line + 1}: ${l.command?.title ?? '(unresolved)'}`);
      const here = lenses.filter((l) => l.range.start.line === quoteLine.start.line);
      assert.ok(here.length > 0, `no code lens on line ${quoteLine.start.line + 1} (the quote); lenses: ${titles.join(' | ')}`);
      assert.ok(here.some((l) => /quoted in 3 sources/.test(l.command?.title ?? '')), `the lens above the quote does not say "quoted in 3 sources": ${titles.join(' | ')}`);
      const lens = here.find((l) => /quoted in 3 sources/.test(l.command.title));
      assert.equal(lens.command.command, 'byline.showLocations', 'the quote lens does not open the places it counts');
      const locations = lens.command.arguments?.[2];
      assert.ok(Array.isArray(locations), `the quote lens has no locations: ${h.describe(lens.command.arguments)}`);
      const files = new Set(locations.map((l) => l.uri.replace(/^.*\//, '')));
      assert.equal(files.size, 3, `the quote lens points to ${files.size} articles: ${[...files].join(', ')}`);
    });
  });

  test('Every Byline command of the palette is registered in the editor.', async function () {
    const all = new Set(await vscode.commands.getCommands(true));
    const expected = ['byline.reindex', 'byline.restartServer', 'byline.showEntityDetails', 'byline.focusEntities',
      'byline.refreshEntities', 'byline.toggleCodeLens', 'byline.toggleSemanticHighlighting'];
    const missing = expected.filter((c) => !all.has(c));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
    // and every command the manifest contributes is registered too
    const contributed = (vscode.extensions.getExtension('byline.byline').packageJSON.contributes.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length >= expected.length, `the manifest contributes only ${contributed.length} commands`);
    const unregistered = contributed.filter((c) => !all.has(c));
    assert.deepEqual(unregistered, [], `contributed commands that nothing registers: ${unregistered.join(', ')}`);
  });
});
