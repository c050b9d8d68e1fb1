/**
 * The annotation commands the server executes (workspace/executeCommand), from code actions and from
 * the command palette: confirm, reject, retype or add a mention, set a quote's speaker, ignore a
 * disagreement, say two entities are the same or different, and list the annotations that no longer
 * match. Each edit is saved to `.byline/annotations.json` first and then applied.
 */
import { makeAnchor } from '../annotations/anchor';
import { annotateMention, ignoreDisagreement, markDifferent, markSame, setSpeaker } from '../annotations/format';
import { ENTITY_TYPES, EntityType } from '../analysis/model';
import { Articles } from '../workspace/articles';
import { AnnotationRefused, WorkspaceAnnotations } from '../workspace/annotations';
import { ANNOTATE_COMMANDS } from './codeActions';

export interface AnnotateContext {
  articles: Articles;
  annotations: WorkspaceAnnotations;
  /** The article's current text (editor buffer or file). */
  textOf(uri: string): string | undefined;
  /** The file system path of an article uri. */
  fileOf(uri: string): string | undefined;
  /** Apply the saved annotations: analyse again, link again, publish. */
  refresh(): void;
}

export interface CommandResult {
  ok: boolean;
  message: string;
  file?: string;
  problems?: Array<{ path: string; line?: number; message: string }>;
}

type Args = Record<string, unknown>;

export const ANNOTATION_COMMAND_IDS: string[] = Object.values(ANNOTATE_COMMANDS).filter((c) => c !== ANNOTATE_COMMANDS.export && c !== ANNOTATE_COMMANDS.import);

class BadArguments extends Error {}

function arg(args: unknown[]): Args {
  const a = args[0];
  if (!a || typeof a !== 'object' || Array.isArray(a)) throw new BadArguments('expected one object argument');
  return a as Args;
}

function str(a: Args, k: string): string {
  const v = a[k];
  if (typeof v !== 'string' || v.length === 0) throw new BadArguments(`"${k}" must be a non-empty string`);
  return v;
}

/** Offsets from `start`/`end`, or from an LSP `range`. */
function span(ctx: AnnotateContext, uri: string, a: Args, text: string): { start: number; end: number } {
  let start: number, end: number;
  if (typeof a.start === 'number' && typeof a.end === 'number') { start = a.start; end = a.end; }
  else if (a.range && typeof a.range === 'object') {
    const r = a.range as { start: { line: number; character: number }; end: { line: number; character: number } };
    start = ctx.articles.offsetAt(uri, r.start); end = ctx.articles.offsetAt(uri, r.end);
  } else throw new BadArguments('give "start" and "end" offsets or a "range"');
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || end <= start) {
    throw new BadArguments(`the span ${start}–${end} is not inside the article (length ${text.length})`);
  }
  return { start, end };
}

function type(a: Args, required: boolean): EntityType | undefined {
  if (a.type === undefined && !required) return undefined;
  if (typeof a.type !== 'string' || !(ENTITY_TYPES as readonly string[]).includes(a.type)) throw new BadArguments(`"type" must be one of ${ENTITY_TYPES.join(', ')}`);
  return a.type as EntityType;
}

/** An entity id ("PER:ivan-popov") or a name, as the name the annotation file keeps. */
function entityName(ctx: AnnotateContext, v: unknown): string {
  if (typeof v !== 'string' || !v) throw new BadArguments('entities are given by id or name');
  return ctx.articles.index.entity(v)?.name ?? v;
}

export function executeAnnotation(ctx: AnnotateContext, command: string, args: unknown[] = []): CommandResult {
  try {
    if (command === ANNOTATE_COMMANDS.problems) return problems(ctx);
    if (command === ANNOTATE_COMMANDS.same || command === ANNOTATE_COMMANDS.different) {
      let names: unknown[];
      let file: string | undefined;
      if (args.length >= 2) names = args.slice(0, 2);
      else {
        const a = arg(args);
        names = Array.isArray(a.names) ? a.names : Array.isArray(a.entities) ? a.entities : [];
        if (typeof a.uri === 'string') file = ctx.fileOf(a.uri);
      }
      if (names.length !== 2) throw new BadArguments('give two entities (ids or names)');
      const [x, y] = names.map((n) => entityName(ctx, n));
      if (x === y) throw new BadArguments(`both entities are "${x}"`);
      file = file ?? anyFile(ctx);
      if (!file) throw new AnnotationRefused('There is no article in the workspace to annotate.');
      const same = command === ANNOTATE_COMMANDS.same;
      const saved = ctx.annotations.edit(file, (s) => (same ? markSame(s, x, y) : markDifferent(s, x, y)));
      ctx.refresh();
      return { ok: true, message: same ? `"${x}" and "${y}" are now one entity.` : `"${x}" and "${y}" are now different entities.`, file: saved.file };
    }
    const a = arg(args);
    const uri = str(a, 'uri');
    const file = ctx.fileOf(uri);
    if (!file) throw new AnnotationRefused(`${uri} is not a file on disk, so Byline cannot keep annotations for it.`);
    if (command === ANNOTATE_COMMANDS.ignore) {
      const key = str(a, 'key');
      const message = typeof a.message === 'string' ? a.message : undefined;
      const saved = ctx.annotations.edit(file, (s, rel) => ignoreDisagreement(s, { key, path: a.everywhere === true ? undefined : rel, message }));
      ctx.refresh();
      return { ok: true, message: 'The disagreement is ignored (recorded in .byline/annotations.json).', file: saved.file };
    }
    const text = ctx.textOf(uri);
    if (text === undefined) throw new AnnotationRefused(`Byline cannot read ${uri}.`);
    const at = span(ctx, uri, a, text);
    const anchor = makeAnchor(text, at.start, at.end);
    let saved: { file: string };
    let message: string;
    if (command === ANNOTATE_COMMANDS.confirm || command === ANNOTATE_COMMANDS.reject || command === ANNOTATE_COMMANDS.add) {
      const action = command === ANNOTATE_COMMANDS.confirm ? 'confirm' : command === ANNOTATE_COMMANDS.reject ? 'reject' : 'add';
      const t = type(a, action === 'add');
      saved = ctx.annotations.edit(file, (s, rel) => annotateMention(s, rel, action, anchor, t));
      message = action === 'reject' ? `"${anchor.exact}" is no longer a mention.` : `"${anchor.exact}" is ${action === 'add' ? 'added' : 'confirmed'}${t ? ` as ${t}` : ''}.`;
    } else if (command === ANNOTATE_COMMANDS.speaker) {
      const speaker = entityName(ctx, a.speaker);
      const who = a.at && typeof a.at === 'object' ? span(ctx, uri, a.at as Args, text) : undefined;
      saved = ctx.annotations.edit(file, (s, rel) => setSpeaker(s, rel, anchor, speaker, who ? makeAnchor(text, who.start, who.end) : undefined));
      message = `The quote is now attributed to ${speaker}.`;
    } else {
      return { ok: false, message: `Byline does not know the command ${command}.` };
    }
    ctx.refresh();
    return { ok: true, message, file: saved.file };
  } catch (e) {
    if (e instanceof AnnotationRefused) return { ok: false, message: e.message };
    if (e instanceof BadArguments) return { ok: false, message: `Byline: ${command}: ${e.message}.` };
    throw e;
  }
}

function anyFile(ctx: AnnotateContext): string | undefined {
  for (const u of ctx.articles.uris()) { const f = ctx.fileOf(u); if (f) return f; }
  return undefined;
}

/** Annotations that no longer match their article, and broken annotation files. */
export function problems(ctx: AnnotateContext): CommandResult {
  const out: NonNullable<CommandResult['problems']> = [];
  for (const e of ctx.annotations.errors()) out.push({ path: e.file, line: e.line, message: e.message });
  for (const uri of ctx.articles.uris()) {
    for (const p of ctx.articles.entry(uri)?.problems ?? []) {
      if (p.code === 'annotation') out.push({ path: uri, line: ctx.articles.positionAt(uri, p.start).line + 1, message: p.message });
    }
  }
  return { ok: out.length === 0, message: out.length ? `${out.length} annotation problem${out.length === 1 ? '' : 's'}.` : 'Every annotation matches its article.', problems: out };
}
