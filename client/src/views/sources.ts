/**
 * The "What each source says" view (id byline.sources): for one entity, one node per article in date
 * order, and below it the names and titles that source uses, its quotes, the claims it makes about
 * the entity and the disagreements with other sources; every item opens the words in the article.
 * Fed by the server's byline/entityDetails request.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { ENTITY_DETAILS_REQUEST, EntityDetails, LspLocation, LspPosition, SourceView } from '../protocol';
import { openCommand } from './locations';

type Node =
  | { kind: 'source'; source: SourceView }
  | { kind: 'more'; count: number }
  | { kind: 'item'; id: string; label: string; description?: string; tooltip?: string; icon: string; location: LspLocation; color?: string };

export class SourcesProvider implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  details: EntityDetails | undefined;
  /** What was asked for, so that a refresh after re-indexing asks again. */
  private query: { id?: string; textDocument?: { uri: string }; position?: LspPosition } | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** Show an entity, by id or by the place of one of its mentions. Returns it, or undefined when there is none there. */
  async show(query: { id?: string; textDocument?: { uri: string }; position?: LspPosition }): Promise<EntityDetails | undefined> {
    const client = this.client();
    if (!client?.isRunning()) return undefined;
    const details = await client.sendRequest<EntityDetails | null>(ENTITY_DETAILS_REQUEST, query);
    if (!details) return undefined;
    this.details = details;
    this.query = { id: details.id };
    this.emitter.fire(undefined);
    return details;
  }

  async refresh(): Promise<void> {
    if (!this.query) return;
    const client = this.client();
    if (!client?.isRunning()) return;
    this.details = (await client.sendRequest<EntityDetails | null>(ENTITY_DETAILS_REQUEST, this.query).catch(() => null)) ?? undefined;
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!this.details) return [];
    if (!node) {
      const nodes: Node[] = this.details.sources.map((source) => ({ kind: 'source', source }));
      const more = (this.details.totalSources ?? this.details.sources.length) - this.details.sources.length;
      if (more > 0) nodes.push({ kind: 'more', count: more });
      return nodes;
    }
    if (node.kind !== 'source') return [];
    const s = node.source;
    const out: Node[] = [];
    const key = (what: string, i: number): string => `${s.uri}#${what}${i}`;
    out.push({ kind: 'item', id: key('names', 0), label: s.names.join(' / '), description: `${s.mentions} mention${s.mentions === 1 ? '' : 's'}`, icon: 'symbol-key', location: s.first, tooltip: 'The names this source uses' });
    s.titles.forEach((t, i) => out.push({ kind: 'item', id: key('title', i), label: t.text, description: 'title', icon: 'tag', location: t.location }));
    s.quotes.forEach((q, i) => out.push({
      kind: 'item', id: key('quote', i), label: `“${clip(q.text, 90)}”`,
      description: [q.cue, q.alsoIn.length ? `also in ${q.alsoIn.join(', ')}` : 'only here'].filter(Boolean).join(' · '),
      tooltip: `“${q.text}”${q.speaker ? ` (${q.speaker})` : ''}${q.alsoIn.length ? `\n\nAlso in: ${q.alsoIn.join(', ')}` : ''}`,
      icon: 'quote', location: q.location,
    }));
    s.claims.forEach((c, i) => out.push({
      kind: 'item', id: key('claim', i), label: clip(c.text, 90), description: c.hedged ? `${c.predicate} · hedged${c.hedge ? `: “${c.hedge}”` : ''}` : `${c.predicate} · asserted`,
      tooltip: c.text, icon: c.hedged ? 'question' : 'pass', location: c.location,
    }));
    s.disagreements.forEach((d, i) => out.push({
      kind: 'item', id: key('disagreement', i), label: clip(d.text, 90), description: d.code, tooltip: d.text, icon: 'warning', location: d.location,
      color: 'problemsWarningIcon.foreground',
    }));
    return out;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'source') {
      const s = node.source;
      // a widely covered entity: the sources start folded
      const folded = (this.details?.sources.length ?? 0) > 20;
      const item = new vscode.TreeItem(s.label, folded ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.id = `source:${s.uri}`;
      const counts = [`${s.mentions}×`];
      if (s.quotes.length) counts.push(`${s.quotes.length} quote${s.quotes.length === 1 ? '' : 's'}`);
      if (s.disagreements.length) counts.push(`⚠ ${s.disagreements.length}`);
      item.description = counts.join(' · ');
      item.tooltip = [s.headline, s.outlet, s.date, vscode.Uri.parse(s.uri).fsPath].filter(Boolean).join('\n');
      item.iconPath = new vscode.ThemeIcon('file-text');
      item.resourceUri = vscode.Uri.parse(s.uri);
      item.command = openCommand(s.first);
      item.contextValue = 'source';
      return item;
    }
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(`… and ${node.count.toLocaleString('en-US')} more source${node.count === 1 ? '' : 's'}`, vscode.TreeItemCollapsibleState.None);
      item.id = 'sources:more';
      item.tooltip = 'The earliest sources are listed here; the hover card, Find All References and Go to Definition reach the others.';
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(node.icon, node.color ? new vscode.ThemeColor(node.color) : undefined);
    item.command = openCommand(node.location);
    item.contextValue = 'sourceItem';
    return item;
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
