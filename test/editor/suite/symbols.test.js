// The outline of an article (document symbols) and Go to Symbol in Workspace (workspace symbols).
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const h = require('./helpers');

suite('Symbols for the people in the articles', function () {
  suiteSetup(async function () {
    await h.bylineActive();
  });

  test('The outline of the first article lists Ivan Popov.', async function () {
    const doc = await h.open('000_');
    await h.eventually(async () => {
      const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
      assert.ok(Array.isArray(symbols) && symbols.length > 0, 'the document symbol provider returned no symbols');
      const names = h.flattenSymbols(symbols).map((s) => s.name);
      assert.ok(names.some((n) => /Ivan Popov/.test(n)), `no symbol named Ivan Popov among: ${names.slice(0, 40).join(', ')}`);
    });
  });

  test('Searching the workspace symbols for "Popov" finds Ivan Popov.', async function () {
    await h.eventually(async () => {
      const symbols = await vscode.commands.executeCommand('vscode.executeWorkspaceSymbolProvider', 'Popov');
      assert.ok(Array.isArray(symbols) && symbols.length > 0, 'the workspace symbol provider returned nothing for "Popov"');
      const popov = symbols.filter((s) => /Ivan Popov/.test(s.name));
      assert.ok(popov.length > 0, `no workspace symbol named Ivan Popov among: ${symbols.map((s) => s.name).slice(0, 40).join(', ')}`);
      assert.ok(popov.every((s) => s.location && s.location.uri), 'a workspace symbol without a location');
    });
  });
});
