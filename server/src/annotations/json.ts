/**
 * A small strict JSON parser that remembers where every value starts (line and column), so that a
 * hand-broken annotation file gets an error naming the place. Objects are built without a prototype
 * and the keys "__proto__", "constructor" and "prototype" are refused: nothing in the file can reach
 * an object's prototype.
 */

export interface Where { line: number; column: number; offset: number }

export class JsonError extends Error {
  constructor(message: string, readonly where: Where) {
    super(`line ${where.line}, column ${where.column}: ${message}`);
  }
}

/** Deeper than this is not an annotation file, and would exhaust the stack. */
const MAX_DEPTH = 64;

export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface Parsed {
  value: unknown;
  /** Where each value starts, by JSON path ("documents/a.txt/mentions/0"). */
  places: Map<string, Where>;
}

/** One step of a JSON path ("a/b" → "a~1b", as in JSON Pointer). */
export function pathStep(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A JSON path for people: documents["a/b.txt"].mentions[0].action */
export function showPath(p: string): string {
  if (!p) return 'the file';
  return p.split('/').map((step, i) => {
    const k = step.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(k)) return `[${k}]`;
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) return i === 0 ? k : `.${k}`;
    return `[${JSON.stringify(k)}]`;
  }).join('');
}

export function whereAt(text: string, offset: number): Where {
  let line = 1, col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; col = 1; } else col++;
  }
  return { line, column: col, offset };
}

export function parseJson(text: string): Parsed {
  let i = 0;
  const places = new Map<string, Where>();
  const fail = (message: string, at = i): never => { throw new JsonError(message, whereAt(text, at)); };
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || (i === 0 && c === 0xfeff)) i++; else break;
    }
  };
  const show = (at: number): string => (at >= text.length ? 'the end of the file' : `"${text[at]}"`);
  const str = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('a string is not closed', start);
      const c = text[i];
      if (c === '"') { i++; return out; }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('a \\u escape needs four hex digits', i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && Object.prototype.hasOwnProperty.call(simple, e)) { out += simple[e]; i += 2; } else fail(`unknown escape "\\${e ?? ''}"`, i);
        continue;
      }
      if (text.charCodeAt(i) < 32) fail('a control character (a line break?) inside a string', i);
      out += c;
      i++;
    }
  };
  let depth = 0;
  const value = (p: string): unknown => {
    ws();
    if (depth > MAX_DEPTH) fail(`the data is nested more than ${MAX_DEPTH} levels deep`);
    if (!places.has(p)) places.set(p, whereAt(text, i));
    const c = text[i];
    if (c === '{') {
      i++;
      depth++;
      const obj = Object.create(null) as Record<string, unknown>;
      ws();
      if (text[i] === '}') { i++; depth--; return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a key in quotes, found ${show(i)}`);
        const at = i;
        const key = str();
        if (FORBIDDEN_KEYS.has(key)) fail(`the key "${key}" is not allowed`, at);
        if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`the key "${key}" appears twice`, at);
        ws();
        if (text[i] !== ':') fail(`expected ":" after the key "${key}", found ${show(i)}`);
        i++;
        const child = p ? `${p}/${pathStep(key)}` : pathStep(key);
        places.set(child, whereAt(text, at)); // errors about a member point at its key
        obj[key] = value(child);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; depth--; return obj; }
        fail(`expected "," or "}" in an object, found ${show(i)}`);
      }
    }
    if (c === '[') {
      i++;
      depth++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') { i++; depth--; return arr; }
      for (;;) {
        arr.push(value(`${p}/${arr.length}`));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; depth--; return arr; }
        fail(`expected "," or "]" in a list, found ${show(i)}`);
      }
    }
    if (c === '"') return str();
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (m) { i += m[0].length; return Number(m[0]); }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) { i += word.length; return v; }
    }
    return fail(`expected a value, found ${show(i)}`);
  };
  const v = value('');
  ws();
  if (i < text.length) fail(`unexpected ${show(i)} after the end of the data`);
  return { value: v, places };
}
