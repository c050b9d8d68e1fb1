// Driver of `npm run test:editor`: runs Byline inside a real VS Code (code-server) and
//  1. installs code-server, Node 24 and chromium if they are missing (scripts/setup-code-server.sh),
//  2. builds the companion test extension (test/editor/runner-extension + the suites) into a .vsix,
//  3. copies seeds/ into a temporary workspace and installs dist/byline.vsix and the runner .vsix
//     into fresh user-data / extensions folders,
//  4. starts code-server on a free 127.0.0.1 port and opens it in chromium (playwright-core):
//     the runner extension activates, runs the mocha suites in the extension host and writes
//     the results to $BYLINE_EDITOR_RESULTS,
//  5. checks the real UI (hover, Problems panel, peek definition, the Byline view with Ivan Popov's
//     sources, the status bar) and saves screenshots to test-results/editor/,
//  6. prints every result and a last line "N passed, M failed"; exits 1 if anything failed.
// Environment: BYLINE_EDITOR_TOOLS (tools folder, default /opt/byline-editor-tools),
// BYLINE_EDITOR_KEEP=1 keeps the temporary folder, BYLINE_EDITOR_TIMEOUT (seconds, default 240)
// bounds the wait for the in-editor suites, BYLINE_EDITOR_ACTIVATION_TIMEOUT
// (seconds, default 60) the wait for Byline to activate.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { buildRunner } from './build-runner.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const TOOLS = process.env.BYLINE_EDITOR_TOOLS || '/opt/byline-editor-tools';
const CODE_SERVER_VERSION = '4.139.1';
const NODE24_BIN = path.join(TOOLS, 'node24', 'node_modules', 'node', 'bin');
const CODE_SERVER = path.join(TOOLS, 'code-server', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.BYLINE_CHROMIUM || '/usr/bin/chromium';
const RESULTS_TIMEOUT_MS = Number(process.env.BYLINE_EDITOR_TIMEOUT || 270) * 1000;
const OUT_DIR = path.join(root, 'test-results', 'editor');
const BYLINE_VSIX = path.join(root, 'dist', 'byline.vsix');
const RUNNER_VSIX = path.join(root, 'dist', 'byline-editor-tests.vsix');
const t0 = Date.now();

const log = (msg) => console.log(`[editor-tests +${((Date.now() - t0) / 1000).toFixed(0)}s] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- cleanup: code-server (its whole process group) and chromium, whatever happens ---------------
let codeServer = null;
let browser = null;
let tmp = null;
let cleanedUp = false;
async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  killCodeServer();
  if (tmp && process.env.BYLINE_EDITOR_KEEP !== '1') {
    await sleep(300);
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  } else if (tmp) log(`kept ${tmp}`);
}
function killCodeServer() {
  if (!codeServer || codeServer.exitCode !== null || codeServer.signalCode !== null) return;
  const pid = codeServer.pid;
  try { process.kill(-pid, 'SIGTERM'); } catch { try { codeServer.kill('SIGTERM'); } catch { /* gone */ } }
  const t = Date.now();
  while (Date.now() - t < 3000) {
    try { process.kill(-pid, 0); } catch { return; }
    spawnSync('sleep', ['0.1']);
  }
  try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    log(`${sig}: stopping`);
    await cleanup();
    process.exit(130);
  });
}
process.on('exit', () => killCodeServer());

// ---- helpers ------------------------------------------------------------------------------------
function toolsInstalled() {
  return fs.existsSync(path.join(TOOLS, 'code-server', `.done-${CODE_SERVER_VERSION}`))
    && fs.existsSync(path.join(NODE24_BIN, 'node'))
    && fs.existsSync(CHROMIUM);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function env(extra = {}) {
  return {
    ...process.env,
    PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}`,
    // keep code-server's own config and data out of the home folder
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    ...extra,
  };
}

async function waitFor(what, fn, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(intervalMs);
  }
}

function wordPosition(text, word, occurrence = 0) {
  const re = new RegExp(`\\b${word}\\b`, 'g');
  let m;
  let i = 0;
  while ((m = re.exec(text))) {
    if (i++ === occurrence) {
      const before = text.slice(0, m.index);
      const line = before.split('\n').length;
      const col = m.index - before.lastIndexOf('\n');
      return { line, col };
    }
  }
  throw new Error(`"${word}" not found`);
}

// ---- the run ------------------------------------------------------------------------------------
const results = []; // { title, state: 'passed'|'failed', message? }
let fatal = null;

async function main() {
  if (!fs.existsSync(BYLINE_VSIX)) throw new Error(`${path.relative(root, BYLINE_VSIX)} is missing: run \`npm run build && node scripts/package.mjs\` first`);

  if (!toolsInstalled()) {
    log(`code-server tools missing in ${TOOLS}: running scripts/setup-code-server.sh`);
    const r = spawnSync('sh', [path.join(root, 'scripts', 'setup-code-server.sh')], { stdio: 'inherit', env: { ...process.env, BYLINE_EDITOR_TOOLS: TOOLS } });
    if (r.status !== 0) throw new Error(`scripts/setup-code-server.sh failed (exit ${r.status})`);
  }

  const { suites } = await buildRunner(RUNNER_VSIX);
  log(`built ${path.relative(root, RUNNER_VSIX)} (${suites.join(', ')})`);

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-editor-'));
  const workspace = path.join(tmp, 'workspace');
  const userData = path.join(tmp, 'user-data');
  const extensions = path.join(tmp, 'extensions');
  const resultsFile = path.join(tmp, 'results.json');
  fs.cpSync(path.join(root, 'seeds'), workspace, { recursive: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'window.restoreWindows': 'none',
    'files.hotExit': 'off',
    'editor.hover.delay': 200,
    'editor.minimap.enabled': false,
    'workbench.colorTheme': 'Default Light Modern',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }, null, 2));
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });

  log('installing the extensions into code-server');
  const inst = spawnSync(CODE_SERVER, [
    '--user-data-dir', userData, '--extensions-dir', extensions,
    '--install-extension', BYLINE_VSIX, '--install-extension', RUNNER_VSIX, '--force',
  ], { env: env(), encoding: 'utf8', timeout: 120_000 });
  const installed = fs.readdirSync(extensions).filter((d) => !d.startsWith('.') && !d.endsWith('.json'));
  if (inst.status !== 0 || !installed.some((d) => d.startsWith('byline.byline-')) || !installed.some((d) => d.startsWith('byline.byline-editor-tests-'))) {
    throw new Error(`installing the extensions failed (exit ${inst.status}):\n${inst.stdout}\n${inst.stderr}`);
  }
  log(`installed: ${installed.join(', ')}`);

  const port = await freePort();
  const csLog = fs.openSync(path.join(OUT_DIR, 'code-server.log'), 'w');
  log(`starting code-server ${CODE_SERVER_VERSION} on 127.0.0.1:${port}`);
  codeServer = spawn(CODE_SERVER, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', userData, '--extensions-dir', extensions,
    workspace,
  ], { env: env({ BYLINE_EDITOR_RESULTS: resultsFile }), stdio: ['ignore', csLog, csLog], detached: true });
  codeServer.on('exit', (code, sig) => { if (!cleanedUp) log(`code-server exited (${code ?? sig})`); });
  await waitFor('code-server to listen', async () => {
    if (codeServer.exitCode !== null) throw new Error(`code-server exited with ${codeServer.exitCode}; see test-results/editor/code-server.log`);
    try { return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok; } catch { return false; }
  }, 60_000);

  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  log(`opening ${url} in chromium`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  log('workbench is up; waiting for the in-editor suites');

  // Follow the runner's progress log while waiting for the results file.
  let shown = 0;
  const progress = () => {
    try {
      const lines = fs.readFileSync(`${resultsFile}.log`, 'utf8').split('\n').filter(Boolean);
      for (; shown < lines.length; shown++) log(`  ${lines[shown]}`);
    } catch { /* not yet */ }
  };
  let suiteResults;
  try {
    suiteResults = await waitFor('the in-editor test results', async () => {
      progress();
      if (codeServer.exitCode !== null) throw new Error(`code-server exited with ${codeServer.exitCode}`);
      if (!fs.existsSync(resultsFile)) return null;
      return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    }, RESULTS_TIMEOUT_MS, 500);
  } catch (err) {
    await page.screenshot({ path: path.join(OUT_DIR, 'timeout.png') }).catch(() => {});
    copyLogs(userData);
    // report what the runner finished before the time ran out
    try {
      for (const line of fs.readFileSync(`${resultsFile}.log`, 'utf8').split('\n')) {
        const m = /^(pass|FAIL): (.*?)(?: \(\d+ ms\))?$/.exec(line);
        if (m && m[1] === 'pass') results.push({ title: m[2], state: 'passed' });
        else if (m) results.push({ title: m[2], state: 'failed', message: '(see the line above)' });
      }
    } catch { /* no progress log */ }
    throw err;
  }
  progress();
  fs.copyFileSync(resultsFile, path.join(OUT_DIR, 'results.json'));
  for (const t of suiteResults.tests) {
    if (t.state === 'pending') continue;
    results.push({ title: t.title, state: t.state, message: t.message });
  }

  // ---- checks and screenshots in the real UI ----
  const a000 = fs.readdirSync(workspace).find((f) => f.startsWith('000_'));
  const text000 = fs.readFileSync(path.join(workspace, a000), 'utf8');
  await uiCheck('In the browser, hovering over "Popov" in the editor shows a hover naming Ivan Popov (hover.png).', async () => {
    await dismiss(page);
    const p = wordPosition(text000, 'Popov');
    await quickOpen(page, `${a000}:${p.line}:${p.col}`);
    const box = await waitFor('"Popov" on screen', () => wordBox(page, 'Popov'), 15_000);
    let hover = null;
    for (let attempt = 0; attempt < 6 && !hover; attempt++) {
      await page.mouse.move(box.x - 40, box.y + 30);
      await sleep(200);
      await page.mouse.move(box.x, box.y, { steps: 4 });
      hover = await page.waitForSelector('.monaco-editor .monaco-hover:not(.hidden)', { state: 'visible', timeout: 5000 })
        .then(async () => {
          // wait until the language server's part arrives (not just "Loading...")
          return waitFor('the hover to name Ivan Popov', async () => {
            const t = await page.locator('.monaco-editor .monaco-hover').first().innerText().catch(() => '');
            return /Ivan Popov/.test(t) ? t : null;
          }, 10_000);
        })
        .catch(() => null);
    }
    await page.screenshot({ path: path.join(OUT_DIR, 'hover.png') });
    if (!hover) throw new Error('no hover naming Ivan Popov appeared over "Popov"');
    fs.writeFileSync(path.join(OUT_DIR, 'hover.txt'), hover);
    log(`  hover text: ${hover.replace(/\s+/g, ' ').slice(0, 300)}`);
  });

  await uiCheck('In the browser, the Problems panel lists the Gurulyov / Gurulev disagreement (problems.png).', async () => {
    await dismiss(page);
    await page.mouse.move(5, 5);
    const problemsPanel = async () => {
      const loc = page.locator('.markers-panel');
      return (await loc.count()) > 0 && (await loc.first().isVisible()) ? loc.first() : null;
    };
    await page.keyboard.press('Control+Shift+M');
    let panel = await waitFor('the Problems panel', problemsPanel, 5_000).catch(() => null);
    if (!panel) {
      await runCommand(page, 'Problems: Focus on Problems View');
      panel = await waitFor('the Problems panel', problemsPanel, 10_000);
    }
    const text = await waitFor('Gurulyov in the Problems panel', async () => {
      const t = await panel.innerText().catch(() => '');
      return /Gurul(yov|ev)/.test(t) ? t : null;
    }, 15_000).catch(() => null);
    await page.screenshot({ path: path.join(OUT_DIR, 'problems.png') });
    if (!text) throw new Error('the Problems panel does not show a Gurulyov/Gurulev problem');
    // hide the panel again so that the peek view gets the room
    await page.keyboard.press('Control+Shift+M');
    await sleep(300);
  });

  await uiCheck('In the browser, Peek Definition on "Gerasimov" opens a peek view showing another article (peek.png).', async () => {
    await dismiss(page);
    const p = wordPosition(text000, 'Gerasimov');
    await quickOpen(page, `${a000}:${p.line}:${p.col + 1}`);
    await sleep(500);
    await runCommand(page, 'Peek Definition');
    const peek = await waitFor('the peek view', async () => {
      const loc = page.locator('.monaco-editor .peekview-widget');
      return (await loc.count()) > 0 && (await loc.first().isVisible()) ? loc.first() : null;
    }, 15_000).catch(() => null);
    await sleep(800);
    await page.screenshot({ path: path.join(OUT_DIR, 'peek.png') });
    if (!peek) throw new Error('no peek view appeared');
    const title = await peek.locator('.head').innerText().catch(() => '');
    if (!/\b00[1-4]_/.test(title) && !/\b00[1-4]_/.test(await peek.innerText().catch(() => ''))) {
      throw new Error(`the peek view does not show another article: ${title.replace(/\s+/g, ' ')}`);
    }
  });

  await uiCheck('In the browser, the Byline view in the activity bar lists Ivan Popov among the people, and clicking him fills "What each source says" with his five sources (byline-view.png).', async () => {
    await dismiss(page);
    // the quote of 000 with its "quoted in 3 sources" lens in the editor beside the view
    const quoteLine = text000.split('\n').findIndex((l) => l.includes('I had no right to lie')) + 1;
    if (quoteLine === 0) throw new Error(`${a000} has no "I had no right to lie" quote`);
    await quickOpen(page, `${a000}:${quoteLine}:1`);
    await dismiss(page);
    const sidebar = page.locator('.part.sidebar');
    const pane = (title) => sidebar.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) }).first();
    // open the Byline container the way a user does from the palette (clicking its activity bar
    // icon would close it again when the in-editor suites left it open), then check the icon is on
    await runCommand(page, 'Byline: Show the entities of the workspace');
    const icon = page.locator('.activitybar .action-item', { has: page.locator('[aria-label^="Byline"]') }).first();
    const iconOn = await waitFor('the Byline icon in the activity bar to be checked', async () => {
      if (!(await icon.count())) return false;
      const cls = `${await icon.getAttribute('class')} ${await icon.locator('[aria-label^="Byline"]').first().getAttribute('class')}`;
      return /\bchecked\b/.test(cls) || (await icon.locator('[aria-checked="true"], [aria-pressed="true"]').count()) > 0 || (await icon.getAttribute('aria-checked')) === 'true';
    }, 5_000).catch(() => false);
    if (!iconOn) throw new Error(`the activity bar shows no checked Byline icon: ${await page.locator('.activitybar').first().innerHTML().then((x) => x.slice(0, 600)).catch(() => '')}`);
    const popovRow = pane('Entities').locator('.monaco-list-row', { hasText: 'Ivan Popov' }).first();
    const shown = await waitFor('Ivan Popov in the Entities view', async () => (await popovRow.count()) > 0 && popovRow.isVisible(), 20_000).catch(() => false);
    if (!shown) {
      await page.screenshot({ path: path.join(OUT_DIR, 'byline-view.png') });
      throw new Error(`the Entities view shows no Ivan Popov: ${(await sidebar.innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 400)}`);
    }
    const peopleRow = pane('Entities').locator('.monaco-list-row', { hasText: /^People|Person/ }).first();
    await popovRow.click();
    const sources = pane('What each source says');
    const filled = await waitFor('the sources of Ivan Popov', async () => {
      const header = await sources.locator('.pane-header').innerText().catch(() => '');
      const rows = await sources.locator('.monaco-list-row').count().catch(() => 0);
      return /Ivan Popov · 5 sources/.test(header) && rows >= 5 ? { header, rows } : null;
    }, 15_000).catch(() => null);
    // park the mouse on the empty part of the activity bar, so that no hover covers the editor
    await page.mouse.move(25, 600);
    await sleep(800);
    await page.screenshot({ path: path.join(OUT_DIR, 'byline-view.png') });
    if (!filled) throw new Error(`"What each source says" is not filled for Ivan Popov: ${(await sources.innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 400)}`);
    const body = await sources.innerText();
    if (!/I had no right to lie/.test(body)) throw new Error(`the sources view shows no "I had no right to lie" quote: ${body.replace(/\s+/g, ' ').slice(0, 400)}`);
    if ((await peopleRow.count()) && (await peopleRow.getAttribute('aria-expanded')) === 'false') throw new Error('the People group is collapsed');
    const lens = await page.locator('.monaco-editor .codelens-decoration', { hasText: 'quoted in 3 sources' }).count();
    if (lens === 0) throw new Error('the editor shows no "quoted in 3 sources" code lens above the quote');
  });

  await uiCheck('In the browser, the status bar shows Byline\'s counts of articles, entities and disagreements (status.png).', async () => {
    const item = page.locator('.part.statusbar .statusbar-item', { hasText: /\d\s*articles/ }).first();
    const text = await waitFor('the Byline status bar item', async () => {
      const t = (await item.count()) ? await item.innerText().catch(() => '') : '';
      return /\d+\s+articles\s+·\s+\d+\s+entities\s+·\s+\d+/.test(t) ? t : null;
    }, 15_000).catch(() => null);
    const bar = page.locator('.part.statusbar').first();
    const box = await bar.boundingBox();
    if (box) await page.screenshot({ path: path.join(OUT_DIR, 'status.png'), clip: { x: 0, y: Math.max(0, box.y - 120), width: Math.min(900, box.width), height: box.height + 120 } });
    if (!text) throw new Error(`no Byline item with counts in the status bar: ${(await bar.innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300)}`);
    if (!/^\s*5\s+articles/.test(text)) throw new Error(`the status bar counts other than the 5 seed articles: ${text}`);
    log(`  status bar: ${text.replace(/\s+/g, ' ')}`);
  });

  if (results.some((r) => r.state === 'failed')) copyLogs(userData);
}

async function uiCheck(title, fn) {
  try {
    await fn();
    results.push({ title, state: 'passed' });
  } catch (err) {
    results.push({ title, state: 'failed', message: String(err?.message || err) });
  }
}

async function dismiss(page) {
  for (let i = 0; i < 3; i++) { await page.keyboard.press('Escape'); await sleep(100); }
}

/** Quick Open (Ctrl+P) with `query`, e.g. "000_x.txt:3:12" to open a file at a line and column. */
async function quickOpen(page, query) {
  await page.locator('.monaco-workbench').first().focus().catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.first().waitFor({ state: 'visible', timeout: 10_000 });
  await input.first().fill(query);
  await sleep(700);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
  await sleep(700);
}

/** Runs a command through the Command Palette (F1), by its label. */
async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.first().waitFor({ state: 'visible', timeout: 10_000 });
  await input.first().fill(`>${label}`);
  await sleep(700);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
  await sleep(500);
}

/** The screen centre of the first visible occurrence of `word` in the active editor. */
async function wordBox(page, word) {
  return page.evaluate((w) => {
    const editors = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines, .monaco-editor .view-lines')];
    for (const lines of editors) {
      const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent.search(new RegExp(`\\b${w}\\b`));
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i + 1);
        r.setEnd(n, i + w.length - 1);
        const b = r.getBoundingClientRect();
        if (b.width > 0 && b.height > 0 && b.top >= 0 && b.bottom <= window.innerHeight) return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      }
    }
    return null;
  }, word);
}

function copyLogs(userData) {
  try {
    fs.cpSync(path.join(userData, 'logs'), path.join(OUT_DIR, 'logs'), { recursive: true });
  } catch { /* no logs */ }
}

// ---- go ----
try {
  await main();
} catch (err) {
  fatal = err;
}
await cleanup();

console.log('');
for (const r of results) {
  if (r.state === 'passed') console.log(`  \u2713 ${r.title}`);
  else console.log(`  \u2717 ${r.title}\n      ${String(r.message || '').split('\n').join('\n      ')}`);
}
if (fatal) console.log(`  \u2717 editor test run: ${fatal.message || fatal}`);
const passed = results.filter((r) => r.state === 'passed').length;
const failed = results.filter((r) => r.state === 'failed').length + (fatal ? 1 : 0);
console.log(`screenshots and logs: ${path.relative(process.cwd(), OUT_DIR) || OUT_DIR}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
