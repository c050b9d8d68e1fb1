// Hover, go to definition and find references on the seed articles, through the commands
// VS Code itself uses (vscode.execute*Provider), so the answers come from Byline's server.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const h = require('./helpers');

suite('Navigating between the articles about Ivan Popov', function () {
  let doc000;
  let others;

  suiteSetup(async function () {
    await h.bylineActive();
    doc000 = await h.open('000_');
    others = (await h.allArticles()).map(h.baseName).filter((n) => n !== h.baseName(doc000.uri));
    assert.ok(others.length >= 4, `the workspace holds the five seed articles, found ${others.length + 1}`);
  });

  test('Hovering over "Popov" in the first article names Ivan Popov and points to the other articles that mention him.', async function () {
    const pos = h.positionOf(doc000, 'Popov');
    const text = await h.eventually(async () => {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc000.uri, pos);
      assert.ok(Array.isArray(hovers) && hovers.length > 0, 'the hover provider returned no hover over "Popov"');
      const all = hovers.map(h.hoverText).join('\n---\n');
      assert.match(all, /Ivan Popov/, `the hover does not name "Ivan Popov": ${all.slice(0, 500)}`);
      return all;
    });
    const namesAnotherFile = others.some((n) => text.includes(n) || text.includes(n.replace(/\.txt$/, '')) || text.includes(n.slice(0, 4)));
    const counts = [...text.matchAll(/\b(\d+)\s+(?:[\w-]+\s+){0,3}?(?:articles?|sources?|files?|documents?|outlets?|reports?)\b/gi)].map((m) => Number(m[1]));
    const ofCounts = [...text.matchAll(/\b(?:in|across)\s+(?:all\s+)?(\d+)\b/gi)].map((m) => Number(m[1]));
    assert.ok(
      namesAnotherFile || counts.some((n) => n > 1) || ofCounts.some((n) => n > 1),
      `the hover mentions neither another article (${others.join(', ')}) nor a count of articles above 1:\n${text.slice(0, 800)}`,
    );
  });

  test('Going to the definition of "Gerasimov" in the first article leads to at least one other article.', async function () {
    const pos = h.positionOf(doc000, 'Gerasimov');
    await h.eventually(async () => {
      const locations = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc000.uri, pos);
      assert.ok(Array.isArray(locations) && locations.length > 0, 'the definition provider returned no location for "Gerasimov"');
      const files = new Set(locations.map((l) => h.baseName(h.locationUri(l))));
      files.delete(h.baseName(doc000.uri));
      assert.ok(files.size >= 1, `all definitions of "Gerasimov" are in the first article itself: ${h.describe(locations)}`);
      for (const l of locations) {
        const r = h.locationRange(l);
        assert.ok(r, `a location without a range: ${h.describe(l)}`);
      }
    });
  });

  test('Finding the references of "Popov" lists mentions of him in several articles.', async function () {
    const pos = h.positionOf(doc000, 'Popov');
    await h.eventually(async () => {
      const locations = await vscode.commands.executeCommand('vscode.executeReferenceProvider', doc000.uri, pos);
      assert.ok(Array.isArray(locations) && locations.length > 0, 'the reference provider returned no location for "Popov"');
      const files = new Set(locations.map((l) => h.baseName(l.uri)));
      assert.ok(files.size >= 3, `references of "Popov" in only ${files.size} file(s): ${[...files].join(', ')}`);
      // Each reference must really point at a mention of Popov in that file.
      for (const l of locations.slice(0, 40)) {
        const d = await vscode.workspace.openTextDocument(l.uri);
        const covered = d.getText(l.range);
        const line = d.lineAt(l.range.start.line).text;
        assert.ok(/Popov/.test(covered) || /Popov/.test(line), `a reference in ${h.baseName(l.uri)} line ${l.range.start.line + 1} is not a mention of Popov: "${covered}"`);
      }
    });
  });
});
