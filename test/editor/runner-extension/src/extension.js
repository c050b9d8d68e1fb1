// The companion test extension: installed beside Byline in code-server, it runs the mocha
// suites of test/editor/suite/ inside the extension host and writes the results to a JSON file.
// Mocha and the suites are bundled into dist/extension.js by test/editor/build-runner.mjs;
// 'byline-editor-suites' is a virtual module that require()s every test/editor/suite/*.test.js.
'use strict';
const vscode = require('vscode');
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

const BYLINE_ID = 'byline.byline';
const RESULTS_NAME = 'byline-editor-results.json';
const ACTIVATION_TIMEOUT_MS = Number(process.env.BYLINE_EDITOR_ACTIVATION_TIMEOUT || 60) * 1000;

/** Where the results go: $BYLINE_EDITOR_RESULTS of the code-server process, else beside the workspace folder. */
function resultsPath() {
  if (process.env.BYLINE_EDITOR_RESULTS) return process.env.BYLINE_EDITOR_RESULTS;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder && folder.uri.scheme === 'file') return path.join(path.dirname(folder.uri.fsPath), RESULTS_NAME);
  return null;
}

function writeJson(file, data) {
  if (!file) return;
  const tmp = `${file}.tmp-${process.pid}`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(tmp, JSON.stringify(data, null, 2));
  fs.renameSync(tmp, file); // atomic: the driver never reads half a file
}

function appendLine(file, line) {
  if (!file) return;
  try { fs.appendFileSync(`${file}.log`, line + '\n'); } catch { /* progress log is best effort */ }
}

function errorText(err) {
  if (!err) return 'unknown error';
  const msg = err.message || String(err);
  const extra = err.actual !== undefined && err.expected !== undefined && err.showDiff !== false && err.operator !== '=='
    ? `\n  actual:   ${safe(err.actual)}\n  expected: ${safe(err.expected)}` : '';
  return msg + extra;
}
function safe(v) { try { return JSON.stringify(v).slice(0, 400); } catch { return String(v); } }

let running = null;

async function waitForByline(log) {
  const deadline = Date.now() + 60_000;
  let ext = vscode.extensions.getExtension(BYLINE_ID);
  while (!ext && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    ext = vscode.extensions.getExtension(BYLINE_ID);
  }
  if (!ext) throw new Error(`extension ${BYLINE_ID} is not installed`);
  log(`byline ${ext.packageJSON.version}: activating`);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Byline did not finish activating within ${ACTIVATION_TIMEOUT_MS / 1000} s (its language server may have failed to start; see the Byline output channel)`)), ACTIVATION_TIMEOUT_MS);
  });
  try {
    await Promise.race([ext.activate(), timeout]);
  } finally {
    clearTimeout(timer);
  }
  log('byline: active');
  return ext;
}

async function runSuites(out) {
  const started = Date.now();
  const log = (line) => appendLine(out, line);
  const tests = [];
  const result = { passed: 0, failed: 0, pending: 0, tests, failures: [], startedAt: new Date(started).toISOString() };
  try {
    try { fs.rmSync(`${out}.log`, { force: true }); } catch { /* ignore */ }
    log(`runner: node ${process.version}, vscode ${vscode.version}, results to ${out}`);
    try {
      await waitForByline(log);
    } catch (err) {
      // Report it, then run the suites anyway: each of them says what does not work.
      result.failed++;
      const f = { title: 'Byline activates in the extension host.', state: 'failed', message: errorText(err), stack: '' };
      tests.push(f);
      result.failures.push(f);
      log(`FAIL: ${f.title}: ${f.message}`);
    }

    const mocha = new Mocha({ ui: 'tdd', timeout: 90_000, color: false, reporter: class Silent extends Mocha.reporters.Base {} });
    // Load the bundled suites the way mocha.loadFiles would: give them suite/test/setup globals first.
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'byline-editor-suites', mocha);
    require('byline-editor-suites');
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_POST_REQUIRE, globalThis, 'byline-editor-suites', mocha);

    await new Promise((resolve) => {
      const runner = mocha.run(() => resolve());
      const C = Mocha.Runner.constants;
      runner.on(C.EVENT_TEST_PASS, (t) => {
        result.passed++;
        tests.push({ title: t.titlePath().join(" › "), state: 'passed', duration: t.duration });
        log(`pass: ${t.titlePath().join(" › ")} (${t.duration} ms)`);
      });
      runner.on(C.EVENT_TEST_FAIL, (t, err) => {
        result.failed++;
        const f = { title: t.titlePath().join(" › "), state: 'failed', message: errorText(err), stack: String(err?.stack || '').split('\n').slice(0, 8).join('\n') };
        tests.push(f);
        result.failures.push(f);
        log(`FAIL: ${t.titlePath().join(" › ")}: ${f.message}`);
      });
      runner.on(C.EVENT_TEST_PENDING, (t) => {
        result.pending++;
        tests.push({ title: t.titlePath().join(" › "), state: 'pending' });
      });
    });
  } catch (err) {
    result.failed++;
    const f = { title: 'editor test runner', state: 'failed', message: errorText(err), stack: String(err?.stack || '') };
    result.tests.push(f);
    result.failures.push(f);
    log(`FAIL: runner: ${f.message}`);
  }
  result.durationMs = Date.now() - started;
  result.done = true;
  writeJson(out, result);
  log(`runner: ${result.passed} passed, ${result.failed} failed`);
  return result;
}

function activate(context) {
  const out = resultsPath();
  context.subscriptions.push(vscode.commands.registerCommand('bylineEditorTests.run', () => {
    if (!running) running = runSuites(out).finally(() => { running = null; });
    return running;
  }));
  if (process.env.BYLINE_EDITOR_TESTS_AUTORUN === '0') return;
  running = runSuites(out).finally(() => { running = null; });
}

function deactivate() {}

module.exports = { activate, deactivate };
