/**
 * The server in another LSP editor: Neovim's built-in client, headless, configured with the README's
 * snippet for the installed version, reads a hover on "Popov" back from a seed article.
 * Skipped (with a message) only where `nvim` is not installed; .ci/run installs it.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, SEEDS } from '../helpers/lspClient';

function nvimVersion(): [number, number] | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  const m = r.status === 0 ? /NVIM v(\d+)\.(\d+)/.exec(r.stdout) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** The README's Lua snippets for Neovim: the first for 0.10+, the second for 0.7 to 0.9. */
export function readmeSnippets(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Other editors'), readme.indexOf('## Settings'));
  return [...section.matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1]);
}

const luaString = (s: string): string => JSON.stringify(s); // a JSON string is a valid Lua string here (no control characters)

describe('Neovim\'s built-in LSP client', function () {
  this.timeout(90000);
  const version = nvimVersion();
  let dir: string;

  before(function () {
    if (!version) {
      console.log('    (skipped: `nvim` is not installed; `apt-get install -y neovim` to run it)');
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-nvim-'));
    for (const f of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f));
  });

  after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  it('attaches to a seed article with the README configuration, indexes the folder and shows the hover card of Ivan Popov', async () => {
    const snippets = readmeSnippets();
    assert.equal(snippets.length, 2, 'the README has a snippet for Neovim 0.10+ and one for 0.7 to 0.9');
    const [major, minor] = version!;
    const snippet = major > 0 || minor >= 10 ? snippets[0] : snippets[1];
    const server = path.join(ROOT, 'bin', 'byline-language-server.js');
    const cmd = `{ ${luaString(process.execPath)}, ${luaString(server)}, '--stdio' }`;
    assert.ok(snippet.includes("cmd = { 'byline-language-server', '--stdio' }"));
    const out = path.join(dir, 'hover.out');
    const article = fs.readdirSync(dir).find((f) => f.startsWith('000'))!;
    const init = path.join(dir, 'init.lua');
    fs.writeFileSync(init, `
local out = ${luaString(out)}
local function finish(lines)
  vim.fn.writefile(lines, out)
  vim.cmd('qall!')
end
local indexed = false
vim.lsp.handlers['byline/indexed'] = function() indexed = true end
-- the README's configuration, running the server of this checkout
${snippet.replace("{ 'byline-language-server', '--stdio' }", cmd)}
vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    vim.defer_fn(function()
      local buf = vim.api.nvim_get_current_buf()
      if not vim.wait(30000, function() return #vim.lsp.get_active_clients() > 0 and indexed end, 100) then
        return finish({ 'ERROR: no client attached or no byline/indexed notification', 'filetype=' .. vim.bo[buf].filetype })
      end
      local line, col
      for i, text in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
        local at = text:find('Popov', 1, true)
        if at then line, col = i - 1, at - 1 break end
      end
      local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = col } }
      local results, err = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 20000)
      if not results then return finish({ 'ERROR: ' .. tostring(err) }) end
      for _, r in pairs(results) do
        if r.result and r.result.contents then
          local c = r.result.contents
          return finish(vim.split(type(c) == 'table' and (c.value or '') or tostring(c), '\\n'))
        end
      end
      finish({ 'ERROR: empty hover: ' .. vim.inspect(results) })
    end, 0)
  end,
})
`);
    const child = spawn('nvim', ['--headless', '--clean', '-u', init, article], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += String(d); });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => { child.kill(); resolve(null); }, 80000);
      child.on('exit', (c) => { clearTimeout(timer); resolve(c); });
    });
    assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${code}): ${stderr}`);
    const hover = fs.readFileSync(out, 'utf8');
    assert.doesNotMatch(hover, /^ERROR/, hover);
    assert.match(hover, /\*\*Ivan Popov\*\* · person/);
    assert.match(hover, /30 mentions in 5 articles/);
    assert.match(hover, /CNN, 13 Jul 2023/);
  });
});
