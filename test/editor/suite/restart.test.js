// A language server that dies is started again by the client (vscode-languageclient restarts a
// crashed server up to 4 times in 3 minutes), and the editor features come back with it.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const h = require('./helpers');

/** `promise`, or a rejection after `ms`: a request to a dead server must not hang the retry loop. */
function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); }),
  ]);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

suite('Restarting a language server that died', function () {
  test('When the language server process is killed, the client starts a new one and hovering over "Popov" works again within 30 seconds.', async function () {
    this.timeout(60_000);
    const api = await h.api();
    const doc = await h.open('000_');
    const pos = h.positionOf(doc, 'Popov');
    const client = api.client();
    assert.ok(client, 'Byline has no language client');
    await h.eventually(async () => assert.ok(client.isRunning(), `the language client is not running (state ${client.state})`), 20_000);
    assert.equal(client.initializeResult?.serverInfo?.name, 'byline-language-server', `the client is not talking to Byline's server: ${h.describe(client.initializeResult?.serverInfo)}`);
    const before = await within(client.sendRequest('byline/pid'), 5000, 'byline/pid');
    assert.ok(Number.isInteger(before) && before > 0, `byline/pid answered ${h.describe(before)}`);
    assert.notEqual(before, process.pid, 'the server claims to be the extension host');
    assert.ok(alive(before), `no process ${before}`);

    const killedAt = Date.now();
    process.kill(before, 'SIGKILL');
    await h.eventually(async () => assert.ok(!alive(before), `process ${before} is still alive`), 5_000, 100);

    const after = await h.eventually(async () => {
      assert.ok(client.isRunning(), `the client is not running again yet (state ${client.state})`);
      const pid = await within(client.sendRequest('byline/pid'), 3000, 'byline/pid');
      assert.ok(Number.isInteger(pid) && pid !== before, `the server's process id is still ${pid}`);
      return pid;
    }, 30_000, 500);
    assert.ok(alive(after), `the new server process ${after} is not alive`);

    const text = await h.eventually(async () => {
      const hovers = await within(Promise.resolve(vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos)), 5000, 'hover');
      const all = (hovers ?? []).map(h.hoverText).join('\n');
      assert.match(all, /Ivan Popov/, `no hover naming Ivan Popov from the new server: ${all.slice(0, 300) || '(none)'}`);
      assert.match(all, /5 articles/, `the new server's hover does not count his 5 articles yet: ${all.slice(0, 300)}`);
      return all;
    }, Math.max(1000, 30_000 - (Date.now() - killedAt)), 500);
    const seconds = (Date.now() - killedAt) / 1000;
    assert.ok(seconds <= 30, `hover came back after ${seconds.toFixed(1)} s`);
    assert.ok(text.length > 0);
  });
});
