// The Byline views of the activity bar: the entities of the workspace, and what each source says
// about one of them. Driven through the commands and the handle Byline's activate returns.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const h = require('./helpers');

/** Ivan Popov's node in the entities tree, once the server has indexed the folder. */
async function popovNode(api) {
  return h.eventually(async () => {
    api.entities.refresh();
    const groups = await api.entities.getChildren();
    assert.ok(groups.length > 0, 'the entities view is empty');
    const people = groups.find((g) => g.group.type === 'PER');
    assert.ok(people, `the entities view has no group of people: ${groups.map((g) => g.group.label).join(', ')}`);
    const nodes = await api.entities.getChildren(people);
    const popov = nodes.find((n) => n.entity.name === 'Ivan Popov');
    assert.ok(popov, `no Ivan Popov among the people: ${nodes.map((n) => n.entity.name).slice(0, 30).join(', ')}`);
    return { people, nodes, popov };
  }, 30_000, 1000);
}

suite('The Byline views in the activity bar', function () {
  let api;

  suiteSetup(async function () {
    api = await h.api();
  });

  test('The Entities view lists the people of the workspace, Ivan Popov among them with all five articles.', async function () {
    await vscode.commands.executeCommand('byline.focusEntities');
    await h.eventually(async () => assert.ok(api.entitiesView.visible, 'the Entities view is not visible after byline.focusEntities'), 10_000);
    const { people, nodes, popov } = await popovNode(api);
    const group = api.entities.getTreeItem(people);
    assert.match(String(group.label), /people|person/i, `the people group is labelled "${group.label}"`);
    assert.equal(group.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the people group is not expanded');
    assert.equal(group.description, String(nodes.length), `the people group says ${group.description} but holds ${nodes.length}`);
    const names = nodes.map((n) => n.entity.name);
    for (const name of ['Valery Gerasimov', 'Sergei Shoigu']) {
      assert.ok(names.some((n) => n.includes(name.split(' ')[1])), `no ${name} among the people: ${names.join(', ')}`);
    }
    const item = api.entities.getTreeItem(popov);
    assert.equal(item.label, 'Ivan Popov');
    assert.match(String(item.description), /^5 articles · \d+×/, `Ivan Popov's row says "${item.description}"`);
    assert.equal(item.command?.command, 'byline.showEntityDetails', 'clicking Ivan Popov does not show what each source says');
    // the real tree view can reveal and select him
    await api.entitiesView.reveal(popov, { select: true, focus: false, expand: true });
    await h.eventually(async () => {
      const sel = api.entitiesView.selection;
      assert.ok(sel.some((n) => n.kind === 'entity' && n.entity.name === 'Ivan Popov'), `the tree's selection is ${h.describe(sel.map((n) => n.entity?.name ?? n.group?.label))}`);
    }, 5_000);
  });

  test('Showing the entity details of Ivan Popov fills "What each source says" with his sources, names and quotes.', async function () {
    const { popov } = await popovNode(api);
    await vscode.commands.executeCommand('byline.showEntityDetails', popov.entity);
    const details = api.sources.details;
    assert.ok(details, 'the sources view holds no entity after byline.showEntityDetails');
    assert.equal(details.name, 'Ivan Popov');
    assert.match(String(api.sourcesView.description), /Ivan Popov · 5 sources/, `the view's description is "${api.sourcesView.description}"`);
    await h.eventually(async () => assert.ok(api.sourcesView.visible, 'the "What each source says" view is not visible'), 10_000);
    const sources = api.sources.getChildren();
    assert.equal(sources.length, 5, `the view lists ${sources.length} sources`);
    const articles = (await h.allArticles()).map((u) => u.toString());
    for (const s of sources) assert.ok(articles.includes(s.source.uri), `a source that is not an article of the workspace: ${s.source.uri}`);
    const rows = sources.flatMap((s) => api.sources.getChildren(s).map((n) => api.sources.getTreeItem(n)));
    const labels = rows.map((r) => String(r.label));
    assert.ok(labels.some((l) => /Popov/.test(l)), `no row with the names the sources use: ${labels.slice(0, 10).join(' | ')}`);
    const quotes = labels.filter((l) => /I had no right to lie/.test(l));
    assert.equal(quotes.length, 3, `"I had no right to lie" appears under ${quotes.length} sources, expected 3: ${labels.filter((l) => l.startsWith('“')).join(' | ')}`);
    assert.ok(rows.every((r) => r.command && r.command.command), 'a row of the sources view opens nothing');
    // and the editor command works from a mention too: cursor on "Gerasimov" in the first article
    const doc = await h.open('000_');
    const pos = h.positionOf(doc, 'Gerasimov');
    vscode.window.activeTextEditor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('byline.showEntityDetails');
    assert.match(api.sources.details?.name ?? '', /Gerasimov/, `with the cursor on "Gerasimov" the view shows ${api.sources.details?.name}`);
    // leave Ivan Popov in the view for the screenshot of the real UI
    await vscode.commands.executeCommand('byline.showEntityDetails', popov.entity);
    assert.equal(api.sources.details?.name, 'Ivan Popov');
  });
});
