/** The status bar item: articles, entities and disagreements, or a spinner while the server indexes. */
import * as vscode from 'vscode';
import { Status } from './protocol';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('byline.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Byline';
    this.item.command = 'workbench.actions.view.problems';
    this.indexing();
    this.item.show();
  }

  indexing(): void {
    this.item.text = '$(sync~spin) Byline';
    this.item.tooltip = 'Byline is indexing the articles';
  }

  show(s: Status): void {
    this.item.text = `$(book) ${s.articles} articles · ${s.entities} entities · $(warning) ${s.disagreements}`;
    this.item.tooltip = `Byline: ${s.articles} articles, ${s.entities} entities, ${s.disagreements} disagreements between sources. Click for the Problems panel.`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
