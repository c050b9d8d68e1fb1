/**
 * A minimal LSP client for protocol tests: spawns the real server over stdio and speaks JSON-RPC to it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SEEDS = path.join(ROOT, 'seeds');

export function fileUri(p: string): string {
  return pathToFileURL(p).toString();
}

export interface PublishedDiagnostics { uri: string; diagnostics: Array<{ message: string; code?: string; source?: string; data?: unknown; severity?: number; range: { start: { line: number; character: number } }; relatedInformation?: Array<{ location: { uri: string }; message: string }> }> }

export class TestServer {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, PublishedDiagnostics['diagnostics']>();
  readonly logs: string[] = [];
  /** window/showMessage notifications: what the user is told. */
  readonly messages: Array<{ type: number; message: string }> = [];
  private readonly waiters: Array<() => void> = [];
  indexed = false;

  private constructor(readonly child: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    this.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => { this.messages.push(p); this.wake(); });
    this.connection.onNotification('byline/indexed', () => { this.indexed = true; this.wake(); });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.listen();
  }

  settings: Record<string, unknown> = {};

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Start the server on a folder and wait until it has indexed it. */
  static async start(folder: string, settings: Record<string, unknown> = {}, initializationOptions?: unknown, wait = true): Promise<TestServer> {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'byline-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const server = new TestServer(child);
    server.settings = settings;
    child.stderr!.on('data', (d) => server.logs.push(String(d)));
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: fileUri(folder),
      initializationOptions,
      workspaceFolders: [{ uri: fileUri(folder), name: path.basename(folder) }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: true },
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: { relatedInformation: true } },
      },
    });
    await server.connection.sendNotification('initialized', {});
    if (wait) await server.until(() => server.indexed, 30000, 'the server to index the workspace');
    return server;
  }

  /** Wait for a condition that notifications make true. */
  async until(cond: () => boolean, timeoutMs = 10000, what = 'a condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => { this.waiters.push(resolve); setTimeout(resolve, 100); });
    }
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  get alive(): boolean {
    return this.child.exitCode === null && !this.child.killed;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      await this.notify('exit', null);
    } catch { /* already gone */ }
    await new Promise((r) => setTimeout(r, 100));
    if (this.alive) this.child.kill();
    this.connection.dispose();
  }
}

/** The position of the n-th occurrence of a word in a text, as LSP line/character. */
export function positionOf(text: string, word: string, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(word, at + 1);
    if (at < 0) throw new Error(`"${word}" occurs fewer than ${nth + 1} times`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}
