/**
 * Reading `.byline/annotations.json`: strict JSON (see json.ts), then a hand-written schema check.
 * Every problem names the line and column; unknown keys are errors too, because a file Byline does
 * not fully understand must never be rewritten by it.
 */
import { ENTITY_TYPES, EntityType } from '../analysis/model';
import { JsonError, parseJson, pathStep, showPath, Where } from './json';
import { Anchor, AnnotationStore, DocumentAnnotations, IgnoredDisagreement, MENTION_ACTIONS, MentionAnnotation, SpeakerAnnotation, STORE_VERSION } from './model';

export class AnnotationFileError extends Error {
  constructor(readonly reason: string, readonly line: number, readonly column: number) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

type Obj = Record<string, unknown>;

export function parseStore(text: string): AnnotationStore {
  let parsed;
  try {
    parsed = parseJson(text);
  } catch (e) {
    if (e instanceof JsonError) throw new AnnotationFileError(e.message.replace(/^line \d+, column \d+: /, ''), e.where.line, e.where.column);
    throw e;
  }
  const { value, places } = parsed;
  const at = (p: string): Where => places.get(p) ?? { line: 1, column: 1, offset: 0 };
  const fail = (p: string, message: string): never => {
    const w = at(p);
    throw new AnnotationFileError(`${showPath(p)} ${message}`, w.line, w.column);
  };
  const object = (v: unknown, p: string, allowed: string[], required: string[] = []): Obj => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(p, 'must be an object');
    const o = v as Obj;
    for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(`${p ? `${p}/` : ''}${pathStep(k)}`, `is not a known key (expected one of: ${allowed.join(', ')})`);
    for (const k of required) if (!(k in o)) fail(p, `needs the key "${k}"`);
    return o;
  };
  const array = (v: unknown, p: string): unknown[] => (Array.isArray(v) ? v : fail(p, 'must be a list'));
  const string = (v: unknown, p: string, nonEmpty = false): string => {
    if (typeof v !== 'string') fail(p, 'must be a string');
    if (nonEmpty && (v as string).length === 0) fail(p, 'must not be empty');
    return v as string;
  };
  const type = (v: unknown, p: string): EntityType => {
    if (typeof v !== 'string' || !(ENTITY_TYPES as readonly string[]).includes(v)) fail(p, `must be one of ${ENTITY_TYPES.join(', ')}`);
    return v as EntityType;
  };
  const anchor = (v: unknown, p: string): Anchor => {
    const o = object(v, p, ['exact', 'prefix', 'suffix', 'start'], ['exact', 'start']);
    const start = o.start;
    if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) fail(`${p}/start`, 'must be a whole number, 0 or more');
    return { exact: string(o.exact, `${p}/exact`, true), prefix: o.prefix === undefined ? '' : string(o.prefix, `${p}/prefix`),
      suffix: o.suffix === undefined ? '' : string(o.suffix, `${p}/suffix`), start: start as number };
  };
  const pair = (v: unknown, p: string): [string, string] => {
    const a = array(v, p);
    if (a.length !== 2) fail(p, 'must be a pair of names: ["A", "B"]');
    return [string(a[0], `${p}/0`, true), string(a[1], `${p}/1`, true)];
  };

  const root = object(value, '', ['version', 'documents', 'same', 'different', 'ignored'], ['version']);
  if (root.version !== STORE_VERSION) fail('version', `must be ${STORE_VERSION} (this Byline reads version ${STORE_VERSION})`);
  const store: AnnotationStore = { version: STORE_VERSION, documents: Object.create(null), same: [], different: [], ignored: [] };
  if (root.documents !== undefined) {
    const docs = object(root.documents, 'documents', Object.keys(root.documents as Obj ?? {}));
    for (const [path, d] of Object.entries(docs)) {
      const p = `documents/${pathStep(path)}`;
      if (path.length === 0 || path.startsWith('/') || path.split('/').includes('..')) fail(p, 'must be a path inside the workspace folder');
      const o = object(d, p, ['mentions', 'speakers']);
      const doc: DocumentAnnotations = { mentions: [], speakers: [] };
      array(o.mentions ?? [], `${p}/mentions`).forEach((m, k) => {
        const q = `${p}/mentions/${k}`;
        const mo = object(m, q, ['action', 'anchor', 'type'], ['action', 'anchor']);
        if (!(MENTION_ACTIONS as readonly string[]).includes(mo.action as string)) fail(`${q}/action`, `must be one of ${MENTION_ACTIONS.join(', ')}`);
        const ann: MentionAnnotation = { action: mo.action as MentionAnnotation['action'], anchor: anchor(mo.anchor, `${q}/anchor`) };
        if (mo.type !== undefined) ann.type = type(mo.type, `${q}/type`);
        else if (ann.action === 'add') fail(q, 'adds a mention, so it needs a "type"');
        doc.mentions.push(ann);
      });
      array(o.speakers ?? [], `${p}/speakers`).forEach((s, k) => {
        const q = `${p}/speakers/${k}`;
        const so = object(s, q, ['quote', 'speaker', 'at'], ['quote', 'speaker']);
        const ann: SpeakerAnnotation = { quote: anchor(so.quote, `${q}/quote`), speaker: string(so.speaker, `${q}/speaker`, true) };
        if (so.at !== undefined) ann.at = anchor(so.at, `${q}/at`);
        doc.speakers.push(ann);
      });
      store.documents[path] = doc;
    }
  }
  store.same = array(root.same ?? [], 'same').map((v, k) => pair(v, `same/${k}`));
  store.different = array(root.different ?? [], 'different').map((v, k) => pair(v, `different/${k}`));
  store.ignored = array(root.ignored ?? [], 'ignored').map((v, k) => {
    const q = `ignored/${k}`;
    const o = object(v, q, ['key', 'path', 'message'], ['key']);
    const ig: IgnoredDisagreement = { key: string(o.key, `${q}/key`, true) };
    if (o.path !== undefined) ig.path = string(o.path, `${q}/path`, true);
    if (o.message !== undefined) ig.message = string(o.message, `${q}/message`);
    return ig;
  });
  return store;
}
