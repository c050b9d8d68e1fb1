// Cross-article disagreement diagnostics: the server indexes the whole folder when it starts
// and reports, in each article, where that article disagrees with another one.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const h = require('./helpers');

suite('Diagnostics about sources that disagree', function () {
  suiteSetup(async function () {
    await h.bylineActive();
  });

  test('The two spellings "Gurulyov" and "Gurulev" are reported in an article that uses one of them, with a link to an article that uses the other.', async function () {
    this.timeout(90_000);
    const spellers = new Set([h.baseName(await h.article('000_')), h.baseName(await h.article('001_')), h.baseName(await h.article('002_'))]);
    // Opening the articles makes sure diagnostics are pulled/pushed for them too.
    for (const p of ['000_', '001_', '002_']) await vscode.workspace.openTextDocument(await h.article(p));
    const found = await h.eventually(async () => {
      const all = vscode.languages.getDiagnostics();
      const hits = [];
      for (const [uri, diags] of all) {
        if (!spellers.has(h.baseName(uri))) continue;
        for (const d of diags) {
          if (!/Gurulyov/.test(d.message) || !/Gurulev/.test(d.message)) continue;
          hits.push({ uri, d });
        }
      }
      const summary = all.filter(([, ds]) => ds.length).map(([u, ds]) => `${h.baseName(u)}: ${ds.map((d) => d.message).join(' | ')}`).join('\n');
      assert.ok(hits.length > 0, `no diagnostic mentions both "Gurulyov" and "Gurulev" in 000/001/002. Diagnostics now:\n${summary.slice(0, 1500) || '(none)'}`);
      const linked = hits.filter(({ uri, d }) => (d.relatedInformation ?? []).some((ri) => h.baseName(ri.location.uri) !== h.baseName(uri)));
      assert.ok(linked.length > 0, `the Gurulyov/Gurulev diagnostics have no relatedInformation pointing at another article: ${h.describe(hits.map(({ d }) => d))}`);
      return linked;
    }, 45_000, 1000);
    const { uri, d } = found[0];
    // The diagnostic sits on the name in its own article.
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.getText(d.range), /Gurul/, `the diagnostic's range covers "${doc.getText(d.range)}", not the name`);
  });
});
