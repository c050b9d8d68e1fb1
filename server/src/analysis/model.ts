/**
 * The analysis model: what the pure core produces for one article and for the workspace.
 * Offsets are UTF-16 code unit indices into the text as read, start inclusive, end exclusive.
 * Nothing here imports the editor or the LSP connection.
 */

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC' | 'DATE';
export const ENTITY_TYPES: readonly EntityType[] = ['PER', 'ORG', 'LOC', 'MISC', 'DATE'];

export interface Span {
  start: number;
  end: number;
}

/** A title or rank given to a person mention ("Maj Gen", "Defence Minister", "Russian MP"). */
export interface Title extends Span {
  text: string;
  /** Normalised form used to compare titles across sources ("major general"). */
  normalized: string;
  /** Seniority rank where the title is a military rank (higher is more senior), else undefined. */
  rank?: number;
}

export interface Mention extends Span {
  text: string;
  type: EntityType;
  /** Title or rank written next to the name, kept out of the span (CoNLL convention). */
  title?: Title;
  /** Apposition or role phrase given to the mention in its sentence ("the commander of the 58th Army"). */
  role?: Span & { text: string };
  /** For DATE mentions: the normalised value (ISO date, or partial "2023-07"), where it can be computed. */
  value?: string;
  /**
   * 'region' where a place name is followed by "region", "oblast" or "province": the region keeps apart
   * from the city of the same name.
   */
  qualifier?: 'region';
  /** Index of the mention's local entity within its document. */
  local: number;
  /** How sure the recognizer is, 0..1. */
  confidence?: number;
}

export type QuoteKind = 'direct' | 'partial' | 'indirect';

export interface QuoteSpeaker extends Span {
  text: string;
  /** Local entity index of the speaker in this document, or -1 where it could not be resolved. */
  local: number;
  /** How the speaker was found. */
  via: 'explicit' | 'pronoun' | 'role' | 'continuation' | 'according-to';
}

export interface Quote extends Span {
  /** The quoted words, without quotation marks. */
  text: string;
  kind: QuoteKind;
  cue?: Span & { text: string; lemma: string };
  speaker?: QuoteSpeaker;
  /** Paragraph index of the quote's first character. */
  paragraph: number;
  /**
   * Index (in the same list) of the quote this one continues: the second half of a quote split by
   * its attribution ("Q1," he said, "Q2."), a later sentence of the same quote, or the next
   * paragraph of a quote running over several paragraphs.
   */
  continuesFrom?: number;
  /** The closing quotation mark is missing: the quote was cut at the end of its paragraph. */
  unbalanced?: boolean;
}

/** An entity as one document sees it: all of the document's mentions of one thing. */
export interface LocalEntity {
  type: EntityType;
  /** The fullest name the document uses ("Ivan Popov"). */
  name: string;
  /** Indices into the document's mentions, in text order. */
  mentions: number[];
  /** Every distinct surface form, in order of first appearance. */
  aliases: string[];
  /** Titles the document gives this entity, in order of first appearance. */
  titles: Title[];
}

export interface ArticleMetadata {
  title?: string;
  outlet?: string;
  /** ISO date (YYYY-MM-DD). */
  date?: string;
  /** Where each was found. */
  titleSpan?: Span;
  outletSpan?: Span;
  dateSpan?: Span;
}

/**
 * A claim about an entity that may be hedged in one source and asserted in another
 * ("is said to have been killed" / "was killed").
 */
export interface Claim extends Span {
  /** Local entity the claim is about. */
  local: number;
  /** Normalised predicate ("killed", "dismissed", "arrested"). */
  predicate: string;
  hedged: boolean;
  /** The words that hedge it ("is said to", "has not been officially confirmed"). */
  hedge?: string;
  text: string;
  /** When the claim says it happened: a full ISO date, with the words that say it. */
  date?: Span & { value: string };
  /** Where the claim says it happened: a place mention of the same sentence. */
  place?: Span & { text: string; local: number };
  /** For predicate 'age': the age in years. */
  value?: number;
}

export interface DocumentAnalysis {
  /** Document identity as the caller gave it (a uri or a path). */
  uri: string;
  version: number;
  /** Content hash (FNV-1a 64 as hex) of the analysed text. */
  hash: string;
  length: number;
  metadata: ArticleMetadata;
  mentions: Mention[];
  quotes: Quote[];
  entities: LocalEntity[];
  claims: Claim[];
  /** Paragraph spans, for code lenses and outline ranges. */
  paragraphs: Span[];
  /** Problems with the input itself (binary, encoding, size). */
  problems: InputProblem[];
}

export interface InputProblem {
  code: 'binary' | 'too-large' | 'encoding' | 'unbalanced-quote' | 'empty';
  message: string;
  start: number;
  end: number;
}

/** A place in a document of the workspace. */
export interface Location extends Span {
  uri: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedInformation extends Location {
  message: string;
}

export interface Disagreement extends Location {
  severity: Severity;
  /** Stable code, e.g. "spelling", "quote-wording". */
  code: string;
  message: string;
  related: RelatedInformation[];
  /** Global entity the disagreement is about, where there is one. */
  entity?: string;
  /** Key that stays the same across runs for the same disagreement, used to ignore it. */
  key: string;
  /** Extra data for code actions (the spelling to use here, for example). */
  data?: Record<string, unknown>;
}
