/** Turning the server's LSP locations into VS Code's, and opening them. */
import * as vscode from 'vscode';
import { LspLocation, LspPosition, LspRange } from '../protocol';

export function toPosition(p: LspPosition): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

export function toRange(r: LspRange): vscode.Range {
  return new vscode.Range(toPosition(r.start), toPosition(r.end));
}

export function toLocation(l: LspLocation): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range));
}

/** A command that opens a location with its words selected (for tree items). */
export function openCommand(l: LspLocation, title = 'Open'): vscode.Command {
  return { title, command: 'vscode.open', arguments: [vscode.Uri.parse(l.uri), { selection: toRange(l.range), preserveFocus: false } satisfies vscode.TextDocumentShowOptions] };
}
