// Shared helpers of the editor suites. They run inside code-server's extension host, where
// the workspace is a temporary copy of seeds/ (five articles about Maj Gen Ivan Popov).
'use strict';
const vscode = require('vscode');
const path = require('node:path');

const BYLINE_ID = 'byline.byline';

/** Activates Byline (the runner already waited for it; this is for a suite run on its own). */
async function bylineActive() {
  const ext = vscode.extensions.getExtension(BYLINE_ID);
  if (!ext) throw new Error(`extension ${BYLINE_ID} is not installed`);
  await ext.activate();
  return ext;
}

/**
 * What Byline's activate returned: { client(), entities, entitiesView, sources, sourcesView }
 * (client/src/extension.ts, BylineApi).
 */
async function api() {
  const ext = await bylineActive();
  const exports = ext.exports;
  if (!exports || typeof exports.client !== 'function') throw new Error(`Byline's activate returned no test handle (exports: ${describe(exports)})`);
  return exports;
}

/** The text of every whole-word occurrence of `word` in `doc`, as ranges. */
function rangesOf(doc, word) {
  const re = new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g');
  const text = doc.getText();
  const out = [];
  for (let m; (m = re.exec(text));) out.push(new vscode.Range(doc.positionAt(m.index), doc.positionAt(m.index + m[0].length)));
  return out;
}

/** The workspace's article whose file name starts with `prefix` ("000_"). */
async function article(prefix) {
  const uris = await vscode.workspace.findFiles(`**/${prefix}*.txt`);
  if (uris.length === 0) throw new Error(`no article ${prefix}*.txt in the workspace`);
  uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  return uris[0];
}

async function allArticles() {
  const uris = await vscode.workspace.findFiles('**/*.txt');
  return uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** Opens the article in an editor and returns its document. */
async function open(prefix) {
  const doc = await vscode.workspace.openTextDocument(await article(prefix));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/**
 * The position inside the `occurrence`-th (0-based) whole-word occurrence of `word`
 * (one character in, so that the word range at that position is the word).
 */
function positionOf(doc, word, occurrence = 0) {
  const re = new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g');
  const text = doc.getText();
  let m;
  let i = 0;
  while ((m = re.exec(text))) {
    if (i++ === occurrence) return doc.positionAt(m.index + 1);
  }
  throw new Error(`"${word}" (occurrence ${occurrence}) not found in ${path.basename(doc.uri.fsPath)}`);
}

/**
 * Retries `fn` (which asserts and returns a value) until it passes or `timeoutMs` runs out,
 * then throws its last error. The server indexes the folder after it starts, so its first
 * answers may be empty; the assertions stay exactly as strict.
 */
async function eventually(fn, timeoutMs = 25_000, intervalMs = 500) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) throw lastError;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The text of a hover's contents (MarkdownString, MarkedString or string). */
function hoverText(hover) {
  return hover.contents
    .map((c) => (typeof c === 'string' ? c : c && typeof c.value === 'string' ? c.value : ''))
    .join('\n');
}

/** The uri of a Location or a LocationLink. */
function locationUri(loc) {
  return loc.uri ?? loc.targetUri;
}
function locationRange(loc) {
  return loc.range ?? loc.targetSelectionRange ?? loc.targetRange;
}

function baseName(uri) {
  return path.basename(uri.fsPath);
}

/** DocumentSymbol trees or SymbolInformation lists, flattened. */
function flattenSymbols(symbols) {
  const out = [];
  const walk = (list) => {
    for (const s of list ?? []) {
      out.push(s);
      if (s.children) walk(s.children);
    }
  };
  walk(symbols);
  return out;
}

function describe(value) {
  try {
    return JSON.stringify(value, (k, v) => (k === 'uri' || k === 'targetUri' ? String(v?.path ?? v) : v)).slice(0, 600);
  } catch {
    return String(value);
  }
}

module.exports = {
  bylineActive, api, rangesOf, article, allArticles, open, positionOf, eventually, hoverText,
  locationUri, locationRange, baseName, flattenSymbols, describe,
};
