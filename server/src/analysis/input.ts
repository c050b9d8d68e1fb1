/**
 * Bytes from disk to analysable text, with a clear problem for input that is not an article:
 * binary files, invalid UTF-8, a byte order mark, files over the size limit.
 */
import { InputProblem } from './model';

export const DEFAULT_MAX_BYTES = 2_000_000;

export interface DecodedText {
  text: string;
  problems: InputProblem[];
  /** True where the file should not be analysed at all (binary, too large). */
  skip: boolean;
}

export function decodeBytes(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): DecodedText {
  if (bytes.length > maxBytes) {
    return { text: '', skip: true, problems: [{ code: 'too-large', start: 0, end: 0,
      message: `Byline skipped this file: it is ${(bytes.length / 1e6).toFixed(1)} MB, over the limit of ${(maxBytes / 1e6).toFixed(1)} MB (setting byline.maxFileSize).` }] };
  }
  const probe = bytes.subarray(0, Math.min(bytes.length, 8192));
  let controls = 0;
  for (const b of probe) {
    if (b === 0) return { text: '', skip: true, problems: [{ code: 'binary', start: 0, end: 0, message: 'Byline skipped this file: it looks binary (it contains NUL bytes), not like an article.' }] };
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) controls++;
  }
  if (probe.length > 0 && controls / probe.length > 0.1) {
    return { text: '', skip: true, problems: [{ code: 'binary', start: 0, end: 0, message: 'Byline skipped this file: it looks binary (many control characters), not like an article.' }] };
  }
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), problems: [], skip: false };
  } catch {
    const text = new TextDecoder('utf-8').decode(body);
    const bad = text.indexOf('\ufffd');
    return { text, skip: false, problems: [{ code: 'encoding', start: Math.max(0, bad), end: Math.max(0, bad) + 1,
      message: 'This file is not valid UTF-8: the bytes that could not be read are shown as \ufffd. Save it as UTF-8 for exact offsets.' }] };
  }
}

/** Text that came from an editor buffer: checked only for size. */
export function checkText(text: string, maxBytes = DEFAULT_MAX_BYTES): DecodedText {
  if (text.length > maxBytes) return decodeBytes(new Uint8Array(text.length + 1), maxBytes);
  if (text.indexOf('\u0000') >= 0) {
    return { text: '', skip: true, problems: [{ code: 'binary', start: 0, end: 0, message: 'Byline skipped this file: it looks binary (it contains NUL bytes), not like an article.' }] };
  }
  return { text, problems: [], skip: false };
}
