/** The real language server over stdio, as an editor would drive it, with timings. */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ROOT } from './corpus';

export interface Pos { line: number; character: number }

/** Extra node options for the server process ($BYLINE_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). */
function serverNodeArgs(): string[] {
  return (process.env.BYLINE_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

export class BenchServer {
  readonly connection: MessageConnection;
  indexedAt = 0;
  logs: string[] = [];
  private readonly waiters: Array<() => void> = [];
  private readonly published = new Map<string, Array<(t: number) => void>>();
  startedAt = 0;
  /** The last diagnostics published for each uri, kept when $BYLINE_BENCH_KEEP_DIAGNOSTICS is set (to compare two servers' output). */
  readonly lastDiagnostics = process.env.BYLINE_BENCH_KEEP_DIAGNOSTICS ? new Map<string, unknown[]>() : undefined;
  /** CPU seconds (user + system, every thread: GC included) the server process had used when "indexed" arrived. */
  indexedCpu = NaN;

  private constructor(readonly child: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
      const t = performance.now();
      this.lastDiagnostics?.set(p.uri, (p as unknown as { diagnostics: unknown[] }).diagnostics);
      const ws = this.published.get(p.uri);
      if (ws?.length) for (const w of ws.splice(0)) w(t);
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    this.connection.onNotification('byline/indexed', () => {
      if (!this.indexedAt) { this.indexedAt = performance.now(); this.indexedCpu = this.cpuSeconds(); }
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.listen();
  }

  /** Start on a folder; resolves when the server reports the workspace indexed. */
  static async start(folder: string, env: Record<string, string>): Promise<BenchServer> {
    // $BYLINE_BENCH_SERVER: another checkout's bin/byline-language-server.js (to compare two versions with one harness)
    const bin = process.env.BYLINE_BENCH_SERVER ?? path.join(ROOT, 'bin', 'byline-language-server.js');
    const child = spawn(process.execPath, [...serverNodeArgs(), bin, '--stdio'],
      { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const s = new BenchServer(child);
    child.stderr!.on('data', (d) => s.logs.push(String(d)));
    s.startedAt = performance.now();
    const uri = pathToFileURL(folder).toString();
    await s.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: path.basename(folder) }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true },
        textDocument: { hover: { contentFormat: ['markdown'] }, publishDiagnostics: { relatedInformation: true } } },
    });
    await s.connection.sendNotification('initialized', {});
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no byline/indexed within 10 minutes: ${s.logs.slice(-5).join(' ')}`)), 600000);
      if (s.indexedAt) { clearTimeout(timer); resolve(); } else s.waiters.push(() => { clearTimeout(timer); resolve(); });
    });
    return s;
  }

  /** Seconds from spawn to "indexed". */
  get indexSeconds(): number {
    return (this.indexedAt - this.startedAt) / 1000;
  }

  /** Peak resident set of the server process (VmHWM), in MB. */
  peakRssMb(): number {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch { return NaN; }
  }

  /** CPU seconds the server process has used so far (user + system, from /proc: Linux only). */
  cpuSeconds(): number {
    try {
      const stat = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields 14 and 15 (utime, stime) in clock ticks, counted from field 3 after the command name
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch { return NaN; }
  }

  rssMb(): number {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch { return NaN; }
  }

  async timed<R>(method: string, params: unknown): Promise<{ ms: number; result: R }> {
    const t0 = performance.now();
    const result = (await this.connection.sendRequest(method, params)) as R;
    return { ms: performance.now() - t0, result };
  }

  /** The next diagnostics published for a uri (time of arrival). */
  nextPublish(uri: string, timeoutMs = 30000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), timeoutMs);
      const list = this.published.get(uri) ?? [];
      list.push((t) => { clearTimeout(timer); resolve(t); });
      this.published.set(uri, list);
    });
  }

  /** Entity name positions in a document, from its semantic tokens (people, organizations, places, other names). */
  async namePositions(uri: string): Promise<Array<Pos & { length: number }>> {
    const r = (await this.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as { data: number[] } | null;
    const out: Array<Pos & { length: number }> = [];
    let line = 0, ch = 0;
    const d = r?.data ?? [];
    for (let i = 0; i + 4 < d.length; i += 5) {
      line += d[i];
      ch = d[i] === 0 ? ch + d[i + 1] : d[i + 1];
      if (d[i + 3] <= 3) out.push({ line, character: ch, length: d[i + 2] });
    }
    return out;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown', null), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification('exit', null);
    } catch { /* gone */ }
    await new Promise((r) => setTimeout(r, 200));
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}
