/** The commands of the palette (category "Byline") and the ones behind code lenses and tree items. */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { EntitySummary, LspLocation, LspPosition, Status } from './protocol';
import { StatusItem } from './status';
import { EntitiesProvider } from './views/entities';
import { toLocation, toPosition } from './views/locations';
import { SourcesProvider } from './views/sources';

export interface Views {
  entities: EntitiesProvider;
  entitiesView: vscode.TreeView<unknown>;
  sources: SourcesProvider;
  sourcesView: vscode.TreeView<unknown>;
}

export function registerCommands(client: () => LanguageClient | undefined, views: Views, status: StatusItem): vscode.Disposable[] {
  const toggle = (setting: string) => async (): Promise<void> => {
    const config = vscode.workspace.getConfiguration('byline');
    const on = config.get<boolean>(setting, true);
    await config.update(setting, !on, vscode.ConfigurationTarget.Global);
    void vscode.window.setStatusBarMessage(`Byline: ${setting} ${on ? 'off' : 'on'}`, 3000);
  };

  const showEntityDetails = async (arg?: EntitySummary | { id: string }): Promise<void> => {
    let query: { id?: string; textDocument?: { uri: string }; position?: LspPosition };
    if (arg && typeof arg === 'object' && 'id' in arg) query = { id: arg.id };
    else {
      const editor = vscode.window.activeTextEditor;
      if (!editor) { void vscode.window.showInformationMessage('Byline: put the cursor on a name in an article first.'); return; }
      const p = editor.selection.active;
      query = { textDocument: { uri: editor.document.uri.toString() }, position: { line: p.line, character: p.character } };
    }
    const details = await views.sources.show(query);
    if (!details) { void vscode.window.showInformationMessage('Byline: no named entity here.'); return; }
    views.sourcesView.title = 'What each source says';
    views.sourcesView.description = `${details.name} · ${details.sources.length} source${details.sources.length === 1 ? '' : 's'}`;
    await vscode.commands.executeCommand('byline.sources.focus');
  };

  return [
    vscode.commands.registerCommand('byline.reindex', async () => {
      status.indexing();
      const s = await client()?.sendRequest<Status>('workspace/executeCommand', { command: 'byline.server.reindex', arguments: [] });
      if (s) status.show(s);
      views.entities.refresh();
    }),
    vscode.commands.registerCommand('byline.restartServer', async () => {
      status.indexing();
      await client()?.restart();
    }),
    vscode.commands.registerCommand('byline.showEntityDetails', showEntityDetails),
    vscode.commands.registerCommand('byline.focusEntities', () => vscode.commands.executeCommand('byline.entities.focus')),
    vscode.commands.registerCommand('byline.refreshEntities', () => views.entities.refresh()),
    vscode.commands.registerCommand('byline.goToFirstMention', async (arg?: EntitySummary) => {
      if (!arg?.location) return;
      const l = toLocation(arg.location);
      await vscode.window.showTextDocument(l.uri, { selection: l.range });
    }),
    vscode.commands.registerCommand('byline.toggleCodeLens', toggle('codeLens.enabled')),
    vscode.commands.registerCommand('byline.toggleSemanticHighlighting', toggle('semanticHighlighting.enabled')),
    // from code lenses: (uri, position, locations) in LSP terms
    vscode.commands.registerCommand('byline.showLocations', async (uri: string, position: LspPosition, locations: LspLocation[]) => {
      if (!uri || !position || !Array.isArray(locations)) return;
      await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), toPosition(position), locations.map(toLocation));
    }),
  ];
}

