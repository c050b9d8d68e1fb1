/**
 * The Entities view (id byline.entities): the workspace's entities grouped by type, with counts,
 * fed by the server's byline/entities request. Selecting an entity shows what each source says
 * about it (the byline.sources view).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { ENTITIES_REQUEST, EntityGroup, EntitySummary, EntityType } from '../protocol';

const ICONS: Record<EntityType, string> = { PER: 'person', ORG: 'organization', LOC: 'location', MISC: 'symbol-misc', DATE: 'calendar' };

export type EntityNode = { kind: 'group'; group: EntityGroup } | { kind: 'entity'; entity: EntitySummary };

export class EntitiesProvider implements vscode.TreeDataProvider<EntityNode> {
  private readonly emitter = new vscode.EventEmitter<EntityNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private groups: EntityGroup[] | undefined;
  private loading: Promise<EntityGroup[]> | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  refresh(): void {
    this.groups = undefined;
    this.loading = undefined;
    this.emitter.fire(undefined);
  }

  /** The entities, as last fetched from the server. */
  async all(): Promise<EntityGroup[]> {
    if (this.groups) return this.groups;
    const client = this.client();
    if (!client?.isRunning()) return [];
    this.loading ??= client.sendRequest<EntityGroup[]>(ENTITIES_REQUEST, { excludeDates: true }).then(
      (g) => (this.groups = g ?? []),
      () => [],
    );
    return this.loading;
  }

  async getChildren(node?: EntityNode): Promise<EntityNode[]> {
    if (!node) return (await this.all()).map((group) => ({ kind: 'group', group }));
    if (node.kind === 'group') return node.group.entities.map((entity) => ({ kind: 'entity', entity }));
    return [];
  }

  getTreeItem(node: EntityNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, node.group.type === 'PER' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `group:${node.group.type}`;
      item.description = String(node.group.entities.length);
      item.iconPath = new vscode.ThemeIcon(ICONS[node.group.type]);
      item.contextValue = 'group';
      return item;
    }
    const e = node.entity;
    const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.None);
    item.id = `entity:${e.id}`;
    const parts = [`${e.articles} article${e.articles === 1 ? '' : 's'}`, `${e.mentions}×`];
    if (e.quotes) parts.push(`${e.quotes} quote${e.quotes === 1 ? '' : 's'}`);
    if (e.disagreements) parts.push(`⚠ ${e.disagreements}`);
    item.description = parts.join(' · ');
    const tooltip = new vscode.MarkdownString(`**${e.name}** · ${e.typeName}\n\n${e.mentions} mentions in ${e.articles} articles`);
    if (e.aliases.length > 1) tooltip.appendMarkdown(`\n\nAlso written: ${e.aliases.filter((a) => a !== e.name).join(', ')}`);
    if (e.disagreements) tooltip.appendMarkdown(`\n\n${e.disagreements} disagreement${e.disagreements === 1 ? '' : 's'} between sources`);
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(ICONS[e.type], e.disagreements ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
    item.contextValue = 'entity';
    item.command = { title: 'Show what each source says', command: 'byline.showEntityDetails', arguments: [e] };
    return item;
  }

  getParent(node: EntityNode): EntityNode | undefined {
    if (node.kind === 'group') return undefined;
    const group = this.groups?.find((g) => g.entities.some((x) => x.id === node.entity.id));
    return group ? { kind: 'group', group } : undefined;
  }
}
