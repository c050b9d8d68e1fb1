/**
 * The annotation store: the user's word on top of the automatic analysis, kept in
 * `.byline/annotations.json` in the workspace folder. Pure types; no file system here.
 *
 * Places in an article are quote-style anchors (the exact words, up to 32 characters before and after,
 * and the offset as a hint), so that they survive edits to the article.
 */
import { EntityType } from '../analysis/model';

export const STORE_VERSION = 1;

export interface Anchor {
  /** The exact words annotated. */
  exact: string;
  /** Up to 32 characters before them. */
  prefix: string;
  /** Up to 32 characters after them. */
  suffix: string;
  /** UTF-16 offset where they were when the annotation was made: a hint only. */
  start: number;
}

/** confirm: the mention is right (with `type`: and has this type); reject: not a mention; add: a mention the recognizer missed. */
export type MentionAction = 'confirm' | 'reject' | 'add';
export const MENTION_ACTIONS: readonly MentionAction[] = ['confirm', 'reject', 'add'];

export interface MentionAnnotation {
  action: MentionAction;
  anchor: Anchor;
  type?: EntityType;
}

/** Who said a quote: the entity's name, and where the speaker is named, if in this article. */
export interface SpeakerAnnotation {
  quote: Anchor;
  speaker: string;
  at?: Anchor;
}

export interface DocumentAnnotations {
  mentions: MentionAnnotation[];
  speakers: SpeakerAnnotation[];
}

/** A disagreement the user has looked at and set aside; `path` limits it to one article. */
export interface IgnoredDisagreement {
  key: string;
  path?: string;
  /** The message when it was ignored, for the reader of the file. */
  message?: string;
}

export interface AnnotationStore {
  version: typeof STORE_VERSION;
  /** Per article, by path relative to the workspace folder with '/' separators. */
  documents: Record<string, DocumentAnnotations>;
  /** Pairs of entity names that are one entity. */
  same: Array<[string, string]>;
  /** Pairs of entity names that are different entities. */
  different: Array<[string, string]>;
  ignored: IgnoredDisagreement[];
}

export function emptyStore(): AnnotationStore {
  return { version: STORE_VERSION, documents: Object.create(null) as Record<string, DocumentAnnotations>, same: [], different: [], ignored: [] };
}

/** An annotation whose anchor no longer matches the article: reported, never dropped. */
export interface Orphan {
  path: string;
  kind: 'mention' | 'speaker';
  exact: string;
  /** The hint offset, clamped to the article. */
  start: number;
  message: string;
}
