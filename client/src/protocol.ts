/**
 * The custom requests between the extension and the server (server/src/features/entities.ts and
 * codeLens.ts), as the client sees them. Positions and ranges are LSP's, converted where used.
 */
// method names are repeated here on purpose: a value import would pull the server into the client bundle
export const ENTITIES_REQUEST = 'byline/entities';
export const ENTITY_DETAILS_REQUEST = 'byline/entityDetails';
export const INDEXED_NOTIFICATION = 'byline/indexed';

export interface LspPosition { line: number; character: number }
export interface LspRange { start: LspPosition; end: LspPosition }
export interface LspLocation { uri: string; range: LspRange }

export interface Status { articles: number; entities: number; disagreements: number }

export type { EntityType } from '../../server/src/analysis/model';
/** The payloads of the custom requests are the server's own types, so the two sides cannot drift apart. */
export type { EntityDetails, EntityGroup, EntitySummary, SourceItem, SourceView } from '../../server/src/features/entities';
