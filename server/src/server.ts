/**
 * The Byline language server. It only routes: LSP requests go to the feature functions in
 * features/, document and file events go to the workspace (workspace/articles.ts), and the
 * analysis itself lives in analysis/. Runs over IPC for VS Code and over --stdio for other editors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, InitializeResult,
  MessageType, ProposedFeatures, ShowMessageNotification, TextDocuments, TextDocumentSyncKind, WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyAnnotations } from './annotations/apply';
import { decodeBytes } from './analysis/input';
import { AnnotateContext, ANNOTATION_COMMAND_IDS, executeAnnotation } from './features/annotate';
import { ANNOTATE_COMMANDS, codeActions } from './features/codeActions';
import { codeLenses, CodeLensOptions } from './features/codeLens';
import { definition } from './features/definition';
import { exportWorkspace } from './features/exportCommand';
import { diagnostics } from './features/diagnostics';
import { documentHighlight } from './features/documentHighlight';
import { documentSymbols } from './features/documentSymbols';
import { entities, ENTITIES_REQUEST, entityDetails, ENTITY_DETAILS_REQUEST } from './features/entities';
import { hover } from './features/hover';
import { MAX_REFERENCES, references } from './features/references';
import { legend, SemanticTokenOptions, semanticTokens } from './features/semanticTokens';
import { workspaceSymbols } from './features/workspaceSymbols';
import { warm as warmSummaries } from './features/summaries';
import { Articles } from './workspace/articles';
import { ANNOTATION_DIR, ANNOTATION_FILE } from './workspace/annotationFile';
import { WorkspaceAnnotations } from './workspace/annotations';
import { findBratFiles, ImportedHint, importedHints } from './workspace/imports';
import { FileFilter, findArticles } from './workspace/files';
import { indexFiles } from './workspace/indexer';

interface Settings {
  files: string;
  exclude: string[];
  maxFileSize: number;
  diagnostics: Record<string, boolean>;
  codeLens: CodeLensOptions;
  semanticHighlighting: SemanticTokenOptions;
  references: { limit: number };
}

const DEFAULTS: Settings = { files: '**/*.txt', exclude: ['**/node_modules/**', '**/.git/**', '**/.byline/**'], maxFileSize: 2_000_000, diagnostics: {},
  codeLens: { entities: false }, semanticHighlighting: {}, references: { limit: MAX_REFERENCES } };
const DIAGNOSTIC_SETTINGS: Record<string, string> = {
  spelling: 'spelling', quoteWording: 'quote-wording', title: 'title', quoteSpeaker: 'quote-speaker', hedge: 'hedge', facts: 'fact',
};

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const articles = new Articles();
let folders: string[] = [];
let settings: Settings = DEFAULTS;
let filter = new FileFilter();
let canConfigure = false;
let canWatch = false;
let canFolders = false;
let canRefreshLenses = false;
let canRefreshTokens = false;
let indexing: Promise<void> | undefined;
const annotations = new WorkspaceAnnotations();
/** Someone else's annotations (byline.import), by article uri, shown as hints; in memory only. */
const imported = new Map<string, ImportedHint[]>();
/** The annotations last applied to each article (a digest), to know which to analyse again when the file changes. */
const appliedAnnotations = new Map<string, string>();
let appliedOverrides = '';
const reportedAnnotationErrors = new Set<string>();
let brokenAnnotationUris = new Set<string>();

/** A message for the user (a notification: nothing waits for an answer). */
function tell(type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}

function fileOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try { return fileURLToPath(uri); } catch { return undefined; }
}

function textOf(uri: string): string | undefined {
  const open = documents.get(uri);
  if (open) return open.getText();
  const file = fileOf(uri);
  if (!file) return undefined;
  try { return decodeBytes(fs.readFileSync(file), articles.maxBytes).text; } catch { return undefined; }
}

// the user's word on top of every analysis
articles.annotate = (uri, text, doc) => {
  const file = fileOf(uri);
  if (!file) return { doc, orphans: [] };
  appliedAnnotations.set(uri, annotations.digest(file));
  const at = annotations.locate(file);
  return applyAnnotations(doc, text, annotations.forFile(file), at?.rel ?? path.basename(file));
};

/** Broken annotation files: a message once per problem, and a diagnostic at the place in the file. */
function reportAnnotationErrors(): void {
  const now = new Set<string>();
  for (const e of annotations.errors()) {
    const uri = pathToFileURL(e.file).toString();
    now.add(uri);
    connection.sendDiagnostics({ uri, diagnostics: [{
      range: { start: { line: e.line - 1, character: e.column - 1 }, end: { line: e.line - 1, character: e.column } },
      severity: 1, source: 'byline', code: 'annotation-file', message: `${e.message}. Byline goes on without these annotations and will not save any until the file is fixed.`,
    }] });
    if (!reportedAnnotationErrors.has(e.message)) {
      reportedAnnotationErrors.add(e.message);
      connection.console.error(`Byline: annotation file broken: ${e.message}`);
      tell(MessageType.Error, `Byline: the annotation file is broken (${e.message}). Byline goes on without it and will not overwrite it; fix it and Byline reads it again.`);
    }
  }
  for (const uri of brokenAnnotationUris) if (!now.has(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
  brokenAnnotationUris = now;
  if (now.size === 0) reportedAnnotationErrors.clear();
}

/** Apply the annotation files as they are now: merges and splits, ignored disagreements, and articles whose annotations changed. */
function refreshAnnotations(reload: boolean, announce = true): void {
  if (reload) annotations.reload();
  reportAnnotationErrors();
  const affected = new Set<string>();
  const overrides = annotations.overrides();
  const key = JSON.stringify(overrides);
  articles.index.configure({ ignored: annotations.ignoredKeys((f) => pathToFileURL(f).toString()) });
  if (key !== appliedOverrides) {
    appliedOverrides = key;
    for (const u of articles.index.setOverrides(overrides)) affected.add(u);
  }
  for (const uri of articles.uris()) {
    const file = fileOf(uri);
    if (!file || annotations.digest(file) === (appliedAnnotations.get(uri) ?? '')) continue;
    const open = documents.get(uri);
    const changed = open ? articles.setText(uri, open.getText(), open.version, [], true) : articles.setFile(uri, file, -1, true);
    for (const u of changed) affected.add(u);
  }
  if (!announce) return;
  publish(articles.uris());
  connection.sendNotification('byline/indexed', status());
}

const annotateContext: AnnotateContext = { articles, annotations, textOf, fileOf, refresh: () => refreshAnnotations(false) };

function isAnnotationFile(uri: string): boolean {
  const file = fileOf(uri);
  return !!file && (annotations.isAnnotationFile(file) || file.endsWith(`${path.sep}${ANNOTATION_DIR}${path.sep}${ANNOTATION_FILE}`));
}

process.on('uncaughtException', (e) => connection.console.error(`Byline: unexpected error: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`Byline: unexpected rejection: ${e}`));

/** Run a handler; an exception becomes a log line and an empty answer, never a dead server. */
function safe<A extends unknown[], R>(name: string, fn: (...args: A) => R, fallback: R): (...args: A) => R {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (e) {
      connection.console.error(`Byline: ${name} failed: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  };
}

function isArticle(uri: string, languageId?: string): boolean {
  if (languageId === 'news') return true;
  if (!uri.startsWith('file:')) return false;
  const file = fileURLToPath(uri);
  if (folders.length === 0) return filter.matches(path.basename(file));
  return folders.some((f) => {
    const rel = path.relative(f, file);
    return !rel.startsWith('..') && !path.isAbsolute(rel) && filter.matches(rel);
  });
}

/** Disagreements published per article (the status bar's count, kept as they are published rather than counted again). */
const publishedCounts = new Map<string, number>();
let publishedTotal = 0;

/** Articles whose last published list was not empty: the client shows something for them. */
const shown = new Set<string>();

/**
 * Send the diagnostics of the given articles. `quiet`: an empty list is not sent to an article for
 * which the client shows nothing (it has nothing to clear: a fresh client after indexing has no
 * diagnostics at all, and most articles of a workspace have none), saving a message per article.
 */
function publish(uris: Iterable<string>, quiet = false): void {
  let any = false;
  for (const uri of uris) {
    any = true;
    void publishOne(uri, quiet);
  }
  if (any) changed();
}

/** One article's diagnostics; the promise of the message written, or undefined when none was sent (see publish). */
function publishOne(uri: string, quiet: boolean): Promise<void> | undefined {
  const list = articles.has(uri) ? diagnostics(articles, uri, imported.get(uri)) : [];
  let n = 0;
  for (const d of list) if (d.data !== undefined) n++; // disagreements carry their key; input problems and hints do not
  publishedTotal += n - (publishedCounts.get(uri) ?? 0);
  if (n) publishedCounts.set(uri, n); else publishedCounts.delete(uri);
  if (list.length) shown.add(uri);
  else if (!shown.delete(uri) && quiet) return undefined;
  return connection.sendDiagnostics({ uri, diagnostics: list });
}

/**
 * publish(uris, true) for a whole workspace, a few messages ahead of the writer: messages are written
 * one per turn of the event loop, and building every article's diagnostics at once would hold all of
 * them (tens of MB at 10,000 articles) in memory until the last is written. Each article's list is
 * made when it is its turn, from the index as it is then.
 */
async function publishAll(uris: Iterable<string>): Promise<void> {
  const AHEAD = 16;
  const inFlight: Array<Promise<void>> = [];
  let any = false;
  for (const uri of uris) {
    any = true;
    const sent = publishOne(uri, true);
    if (!sent) continue;
    inFlight.push(sent.catch(() => undefined));
    if (inFlight.length >= AHEAD) await inFlight.shift();
  }
  await Promise.all(inFlight);
  if (any) changed();
}

/**
 * After the index changed: once the burst is over, ask the client to refresh the views that depend
 * on other articles (code lenses, semantic tokens) and tell it the new counts (status bar, Byline view).
 */
let changedTimer: NodeJS.Timeout | undefined;
function changed(): void {
  if (changedTimer) clearTimeout(changedTimer);
  changedTimer = setTimeout(safe('refresh', () => {
    changedTimer = undefined;
    if (canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (canRefreshTokens) connection.languages.semanticTokens.refresh();
    void connection.sendNotification('byline/indexed', status());
  }, undefined), 300);
}

function disabledCodes(): string[] {
  return Object.entries(settings.diagnostics).filter(([, on]) => on === false).map(([k]) => DIAGNOSTIC_SETTINGS[k] ?? k);
}

async function loadSettings(): Promise<void> {
  if (!canConfigure) return;
  try {
    const s = (await connection.workspace.getConfiguration('byline')) ?? {};
    settings = { ...DEFAULTS, ...s, diagnostics: { ...(s.diagnostics ?? {}) }, codeLens: { entities: false, ...(s.codeLens ?? {}) },
      semanticHighlighting: { ...(s.semanticHighlighting ?? {}) }, references: { ...DEFAULTS.references, ...(s.references ?? {}) } };
  } catch {
    settings = DEFAULTS;
  }
  filter = new FileFilter(settings.files, settings.exclude);
  articles.maxBytes = settings.maxFileSize;
  articles.index.configure({ disabled: disabledCodes() });
}

/** Index every article of the workspace folders, reporting progress (the work is in workspace/indexer.ts). */
async function indexWorkspace(progress?: WorkDoneProgressReporter): Promise<void> {
  const files = folders.flatMap((f) => findArticles(f, filter)).map((file) => ({ uri: pathToFileURL(file).toString(), file }));
  progress?.begin('Byline: indexing articles', 0, `${files.length} articles`, true);
  const token = (progress as unknown as { token?: { isCancellationRequested: boolean } } | undefined)?.token;
  const { affected, stats } = await indexFiles(articles, files, {
    progress: (done, total) => progress?.report(Math.round((100 * done) / Math.max(1, total)), `${done} of ${total}`),
    cancelled: () => !!token?.isCancellationRequested,
    isOpen: (uri) => !!documents.get(uri),
    manifestKey: folders.join('\n'),
  });
  progress?.done();
  // analyses from workers and the cache carry no annotations: apply each article's now
  for (const uri of articles.uris()) {
    const file = fileOf(uri);
    if (!file || documents.get(uri) || annotations.digest(file) === (appliedAnnotations.get(uri) ?? '')) continue;
    for (const u of articles.setFile(uri, file, -1, true)) affected.add(u);
  }
  await publishAll(affected);
  connection.console.info(`Byline: indexed ${stats.files} articles in ${stats.ms} ms (${stats.fromCache} from the cache, ${stats.analysed} analysed by ${stats.workers} workers, ${stats.skipped} skipped); ${articles.index.entities().length} entities.`);
  // the widely covered entities' summaries, made now rather than by the first hover on one of them:
  // once the diagnostics and the notification are written (messages are written one per turn of the
  // event loop, after this returns; the summaries would hold them up)
  const warm = (): void => { setTimeout(safe('summaries', () => warmSummaries(articles), undefined), 0); };
  connection.sendNotification('byline/indexed', status()).then(warm, warm);
}

/** Once per entity and session: the references list stopped at the limit, and how to see more. */
const toldTruncated = new Set<string>();
function tellReferencesTruncated(listed: number, total: number, name: string): void {
  if (toldTruncated.has(name)) return;
  toldTruncated.add(name);
  void connection.window.showInformationMessage(`Byline lists ${listed.toLocaleString('en-US')} of the ${total.toLocaleString('en-US')} mentions of ${name}: ` +
    'this article\'s, then whole articles, earliest first. Set byline.references.limit to list more (0 for all).');
}

function status(): { articles: number; entities: number; disagreements: number } {
  return { articles: articles.index.size, entities: articles.index.entities().length, disagreements: publishedTotal };
}

connection.onInitialize((params): InitializeResult => {
  folders = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
  if (folders.length === 0 && params.rootUri) folders = [fileURLToPath(params.rootUri)];
  canConfigure = !!params.capabilities.workspace?.configuration;
  canWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  canFolders = !!params.capabilities.workspace?.workspaceFolders;
  // untrusted workspaces (the client says so): read the articles, never write annotation files
  annotations.trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
  canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  canRefreshTokens = !!params.capabilities.workspace?.semanticTokens?.refreshSupport;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      documentSymbolProvider: { label: 'Byline' },
      workspaceSymbolProvider: true,
      semanticTokensProvider: { legend, full: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: ['byline.server.reindex', ...ANNOTATION_COMMAND_IDS, ANNOTATE_COMMANDS.export, ANNOTATE_COMMANDS.import] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'byline-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  await loadSettings();
  annotations.setFolders(folders);
  refreshAnnotations(false, false); // before indexing: merges, splits and ignored disagreements; articles get theirs as they are read
  if (canConfigure) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'byline' });
  if (canWatch) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: settings.files }, { globPattern: '**/' }, { globPattern: `**/${ANNOTATION_DIR}/${ANNOTATION_FILE}` }],
    });
  }
  if (canFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
      folders = folders.filter((f) => !e.removed.some((r) => fileURLToPath(r.uri) === f));
      folders.push(...e.added.map((a) => fileURLToPath(a.uri)));
      annotations.setFolders(folders);
      refreshAnnotations(false);
      indexing = indexWorkspace(await connection.window.createWorkDoneProgress().catch(() => undefined));
    });
  }
  const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
  indexing = indexWorkspace(progress);
  await indexing;
});

connection.onDidChangeConfiguration(async () => {
  await loadSettings();
  indexing = indexWorkspace(await connection.window.createWorkDoneProgress().catch(() => undefined));
  await indexing;
  publish(articles.uris());
});

// Edits: analyse the newest version once the burst of changes is over (stale versions are dropped).
const pending = new Map<string, NodeJS.Immediate>();
function schedule(doc: TextDocument): void {
  if (!isArticle(doc.uri, doc.languageId)) return;
  const prev = pending.get(doc.uri);
  if (prev) clearImmediate(prev);
  pending.set(doc.uri, setImmediate(safe('analysis', () => {
    pending.delete(doc.uri);
    const current = documents.get(doc.uri);
    if (!current) return;
    publish(articles.setText(current.uri, current.getText(), current.version));
  }, undefined)));
}

documents.onDidOpen((e) => schedule(e.document));
documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose(safe('close', (e) => {
  // unsaved edits are gone: the file on disk is the article again
  if (!e.document.uri.startsWith('file:')) return;
  const file = fileURLToPath(e.document.uri);
  if (isArticle(e.document.uri)) publish(articles.setFile(e.document.uri, file));
  else publish(articles.remove(e.document.uri));
}, undefined));

connection.onDidChangeWatchedFiles(safe('file events', (params) => {
  const affected = new Set<string>();
  let annotationsChanged = false;
  for (const change of params.changes) {
    if (isAnnotationFile(change.uri)) { annotationsChanged = true; continue; }
    if (documents.get(change.uri)) continue; // the editor's buffer wins while it is open
    if (change.type === FileChangeType.Deleted) {
      // a folder deleted or renamed away: drop every article below it
      const prefix = change.uri.endsWith('/') ? change.uri : `${change.uri}/`;
      for (const u of articles.uris()) if (u === change.uri || u.startsWith(prefix)) for (const a of articles.remove(u)) affected.add(a);
    } else if (isArticle(change.uri)) {
      for (const a of articles.setFile(change.uri, fileURLToPath(change.uri))) affected.add(a);
    } else if (change.type === FileChangeType.Created && change.uri.startsWith('file:')) {
      // a folder created or renamed into place: index what it holds
      const dir = fileURLToPath(change.uri);
      for (const f of findArticles(dir, filter)) {
        const uri = pathToFileURL(f).toString();
        if (isArticle(uri)) for (const a of articles.setFile(uri, f)) affected.add(a);
      }
    }
  }
  publish(affected);
  if (affected.size) connection.sendNotification('byline/indexed', status());
  // the annotation file changed outside the editor (or was replaced, or deleted): read it again
  if (annotationsChanged) refreshAnnotations(true);
}, undefined));

connection.onHover(safe('hover', (p, token) => hover(articles, p.textDocument.uri, p.position, token), null));
connection.onDefinition(safe('definition', (p, token) => definition(articles, p.textDocument.uri, p.position, token), null));
connection.onReferences(safe('references', (p, token, _work, partial) => references(articles, p.textDocument.uri, p.position, p.context, token, {
  limit: Number(settings.references.limit) || 0,
  partial: p.partialResultToken !== undefined && partial ? (batch) => partial.report(batch) : undefined,
  truncated: tellReferencesTruncated,
}), null));
connection.onDocumentHighlight(safe('highlight', (p) => documentHighlight(articles, p.textDocument.uri, p.position), null));
connection.onDocumentSymbol(safe('outline', (p) => documentSymbols(articles, p.textDocument.uri), []));
connection.onWorkspaceSymbol(safe('workspace symbols', (p, token) => workspaceSymbols(articles, p.query, token), []));
connection.languages.semanticTokens.on(safe('semantic tokens', (p) => semanticTokens(articles, p.textDocument.uri, settings.semanticHighlighting), { data: [] }));
connection.onCodeLens(safe('code lens', (p, token) => codeLenses(articles, p.textDocument.uri, settings.codeLens, token), []));
connection.onRequest(ENTITIES_REQUEST, safe('entities', (p, token) => entities(articles, p ?? {}, token), []));
connection.onRequest(ENTITY_DETAILS_REQUEST, safe('entity details', (p, token) => entityDetails(articles, p ?? {}, token), null));
connection.onCodeAction(safe('code actions', (p) => codeActions(articles, p), []));
// the server's process id, so that the editor tests can kill it and watch the client restart it
connection.onRequest('byline/pid', () => process.pid);
connection.onRequest('byline/status', safe('status', () => status(), { articles: 0, entities: 0, disagreements: 0 }));
connection.onExecuteCommand(async (p) => {
  if (p.command === 'byline.server.reindex') {
    indexing = indexWorkspace(await connection.window.createWorkDoneProgress().catch(() => undefined));
    await indexing;
    return status();
  }
  if (p.command === ANNOTATE_COMMANDS.import) {
    // { dir?: folder of .ann files } (or none: .ann beside the articles); { clear: true } forgets them
    const a = (p.arguments?.[0] ?? {}) as { dir?: unknown; clear?: unknown };
    const dirs = typeof a.dir === 'string' ? [path.resolve(folders[0] ?? '.', a.dir)] : [];
    const before = [...imported.keys()];
    imported.clear();
    let files = 0, hints = 0;
    if (a.clear !== true) {
      for (const uri of articles.uris()) {
        const file = fileOf(uri);
        const text = file ? textOf(uri) : undefined;
        if (!file || text === undefined) continue;
        const found = findBratFiles(file, dirs);
        if (!found.length) continue;
        const h = importedHints(found, text);
        files += found.length;
        hints += h.length;
        imported.set(uri, h);
      }
    }
    publish(new Set([...before, ...imported.keys()]));
    return { ok: true, message: a.clear === true ? 'Imported annotations cleared.' : `Imported ${hints} annotations from ${files} brat file${files === 1 ? '' : 's'} (shown as hints).` };
  }
  if (p.command === ANNOTATE_COMMANDS.export || ANNOTATION_COMMAND_IDS.includes(p.command)) {
    try {
      const result = p.command === ANNOTATE_COMMANDS.export ? exportWorkspace(annotateContext, folders, p.arguments ?? [])
        : executeAnnotation(annotateContext, p.command, p.arguments ?? []);
      if (!result.ok && p.command !== ANNOTATE_COMMANDS.problems) tell(MessageType.Warning, result.message);
      else connection.console.info(`Byline: ${result.message}`);
      return result;
    } catch (e) {
      connection.console.error(`Byline: ${p.command} failed: ${(e as Error).stack ?? e}`);
      tell(MessageType.Error, `Byline: ${p.command} failed: ${(e as Error).message}. Nothing was saved.`);
      return { ok: false, message: (e as Error).message };
    }
  }
  return null;
});

documents.listen(connection);
connection.listen();
