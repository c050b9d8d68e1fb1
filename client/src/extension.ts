/**
 * The Byline extension: starts the language server, and wires commands and the status bar.
 * Everything else happens in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

interface Status { articles: number; entities: number; disagreements: number }

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.name = 'Byline';
  status.text = '$(sync~spin) Byline';
  status.tooltip = 'Byline is indexing the articles';
  status.command = 'workbench.actions.view.problems';
  status.show();
  const showStatus = (s: Status): void => {
    status.text = `$(book) ${s.articles} articles · ${s.entities} entities · $(warning) ${s.disagreements}`;
    status.tooltip = `Byline: ${s.articles} articles, ${s.entities} entities, ${s.disagreements} disagreements between sources. Click for the Problems panel.`;
  };

  context.subscriptions.push(
    status,
    vscode.commands.registerCommand('byline.reindex', async () => {
      const s = await client?.sendRequest<Status>('workspace/executeCommand', { command: 'byline.server.reindex', arguments: [] });
      if (s) showStatus(s);
    }),
    vscode.commands.registerCommand('byline.restartServer', async () => {
      await client?.restart();
    }),
  );
  await client.start();
  context.subscriptions.push(client.onNotification('byline/indexed', showStatus));
  client.sendRequest<Status>('byline/status').then(showStatus, () => undefined);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
