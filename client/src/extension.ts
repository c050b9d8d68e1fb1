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
    // in an untrusted workspace the server never writes annotation files
    initializationOptions: { trusted: vscode.workspace.isTrusted },
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
    vscode.commands.registerCommand('byline.exportAnnotations', async () => {
      const format = await vscode.window.showQuickPick(['brat', 'conll', 'jsonl', 'webanno'], { placeHolder: 'Export the annotations as' });
      if (!format) return;
      const r = await client?.sendRequest<{ ok: boolean; message: string }>('workspace/executeCommand', { command: 'byline.export', arguments: [{ format }] });
      if (r?.ok) void vscode.window.showInformationMessage(r.message);
    }),
    vscode.commands.registerCommand('byline.annotationProblems', async () => {
      const r = await client?.sendRequest<{ message: string; problems?: Array<{ path: string; line?: number; message: string }> }>('workspace/executeCommand', { command: 'byline.annotate.problems', arguments: [] });
      if (r) void vscode.window.showInformationMessage([r.message, ...(r.problems ?? []).map((p) => `${p.path}:${p.line ?? 1}: ${p.message}`)].join('\n'));
    }),
    // trust granted: start again so that annotations can be saved
    vscode.workspace.onDidGrantWorkspaceTrust(() => { void client?.restart(); }),
  );
  await client.start();
  context.subscriptions.push(client.onNotification('byline/indexed', showStatus));
  client.sendRequest<Status>('byline/status').then(showStatus, () => undefined);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
