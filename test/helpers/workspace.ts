/** A temporary copy of the seed articles, and a server started on it, for protocol tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileUri, SEEDS, TestServer } from './lspClient';

export class SeedWorkspace {
  private constructor(readonly dir: string, readonly server: TestServer) {}

  static async start(settings: Record<string, unknown> = {}): Promise<SeedWorkspace> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-features-'));
    for (const f of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f));
    return new SeedWorkspace(dir, await TestServer.start(dir, settings));
  }

  file(prefix: string): string {
    return path.join(this.dir, fs.readdirSync(this.dir).find((f) => f.startsWith(prefix))!);
  }

  text(prefix: string): string {
    return fs.readFileSync(this.file(prefix), 'utf8');
  }

  uri(prefix: string): string {
    return fileUri(this.file(prefix));
  }

  /** Open an article in the server as an editor would. */
  async open(prefix: string): Promise<string> {
    const uri = this.uri(prefix);
    await this.server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: this.text(prefix) } });
    return uri;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The words of a range of a text. */
export function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}
