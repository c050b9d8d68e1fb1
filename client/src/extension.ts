/**
 * The Byline extension: starts the language server, and wires commands, views and the status bar.
 * Everything else happens in the server; the views ask it with custom requests (protocol.ts).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { INDEXED_NOTIFICATION, Status } from './protocol';
import { StatusItem } from './status';
import { EntitiesProvider } from './views/entities';
import { SourcesProvider } from './views/sources';

let client: LanguageClient | undefined;

/**
 * What activate returns (vscode.extensions.getExtension('byline.byline').exports): a small handle
 * for the editor tests (test/editor/), which drive the views and restart the server through it.
 */
export interface BylineApi {
  client(): LanguageClient | undefined;
  entities: EntitiesProvider;
  entitiesView: vscode.TreeView<unknown>;
  sources: SourcesProvider;
  sourcesView: vscode.TreeView<unknown>;
}

export async function activate(context: vscode.ExtensionContext): Promise<BylineApi> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const files = vscode.workspace.getConfiguration('byline').get<string>('files', '**/*.txt');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'news' },
      { scheme: 'file', language: 'plaintext', pattern: files },
    ],
    synchronize: { configurationSection: 'byline' },
    diagnosticCollectionName: 'byline',
  };
  client = new LanguageClient('byline', 'Byline', serverOptions, clientOptions);

  const status = new StatusItem();
  const entities = new EntitiesProvider(() => client);
  const sources = new SourcesProvider(() => client);
  const entitiesView = vscode.window.createTreeView('byline.entities', { treeDataProvider: entities, showCollapseAll: true });
  const sourcesView = vscode.window.createTreeView('byline.sources', { treeDataProvider: sources, showCollapseAll: true });
  context.subscriptions.push(status, entitiesView, sourcesView,
    ...registerCommands(() => client, { entities, entitiesView, sources, sourcesView }, status));

  await client.start();
  const update = (s: Status): void => {
    status.show(s);
    entities.refresh();
    void sources.refresh();
  };
  context.subscriptions.push(client.onNotification(INDEXED_NOTIFICATION, update));
  client.sendRequest<Status>('byline/status').then(update, () => undefined);
  return { client: () => client, entities, entitiesView, sources, sourcesView };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
