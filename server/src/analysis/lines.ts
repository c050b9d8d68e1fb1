/** Line starts of a text, and conversions between offsets and LSP-style { line, character } positions (UTF-16). */

export interface LinePosition { line: number; character: number }

export function lineStarts(text: string): Uint32Array {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return Uint32Array.from(starts);
}

export function positionAt(starts: Uint32Array, offset: number): LinePosition {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function offsetAt(starts: Uint32Array, pos: LinePosition, length: number): number {
  if (pos.line >= starts.length) return length;
  if (pos.line < 0) return 0;
  const next = pos.line + 1 < starts.length ? starts[pos.line + 1] : length;
  return Math.max(starts[pos.line], Math.min(starts[pos.line] + pos.character, next, length));
}
