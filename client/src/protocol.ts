/**
 * The custom requests between the extension and the server (server/src/features/entities.ts and
 * codeLens.ts), as the client sees them. Positions and ranges are LSP's, converted where used.
 */
export const ENTITIES_REQUEST = 'byline/entities';
export const ENTITY_DETAILS_REQUEST = 'byline/entityDetails';
export const INDEXED_NOTIFICATION = 'byline/indexed';

export interface LspPosition { line: number; character: number }
export interface LspRange { start: LspPosition; end: LspPosition }
export interface LspLocation { uri: string; range: LspRange }

export interface Status { articles: number; entities: number; disagreements: number }

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC' | 'DATE';

export interface EntitySummary {
  id: string;
  name: string;
  type: EntityType;
  typeName: string;
  aliases: string[];
  articles: number;
  mentions: number;
  quotes: number;
  disagreements: number;
  location?: LspLocation;
}

export interface EntityGroup { type: EntityType; label: string; entities: EntitySummary[] }

export interface SourceItem { text: string; location: LspLocation }

export interface SourceView {
  uri: string;
  label: string;
  headline?: string;
  date?: string;
  outlet?: string;
  mentions: number;
  names: string[];
  titles: SourceItem[];
  quotes: Array<SourceItem & { kind: string; cue?: string; speaker?: string; alsoIn: string[] }>;
  claims: Array<SourceItem & { predicate: string; hedged: boolean; hedge?: string }>;
  disagreements: Array<SourceItem & { code: string }>;
  first: LspLocation;
}

export interface EntityDetails {
  id: string;
  name: string;
  type: EntityType;
  typeName: string;
  aliases: string[];
  mentions: number;
  sources: SourceView[];
}
