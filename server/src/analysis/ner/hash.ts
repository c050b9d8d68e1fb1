/**
 * 32-bit string and integer hashing for feature ids. Features are never built as strings:
 * each token's strings are hashed once, and a feature id is a mix of a template number and
 * one to three of those hashes, masked to the model's bucket count.
 */

/** FNV-1a over the UTF-16 code units of s[from, to). */
export function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** A well-mixed combination of a template id with one value (murmur3 finaliser). */
export function mix1(t: number, a: number): number {
  let h = Math.imul(t + 0x9e3779b9, 0x85ebca6b) ^ a;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** mix1(mix1(t, a), b), written out: one call instead of three in the feature loops. */
export function mix2(t: number, a: number, b: number): number {
  let h = Math.imul(t + 0x9e3779b9, 0x85ebca6b) ^ a;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h + 0x9e3779b9, 0x85ebca6b) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** mix1(mix1(mix1(t, a), b), c), written out. */
export function mix3(t: number, a: number, b: number, c: number): number {
  let h = Math.imul(t + 0x9e3779b9, 0x85ebca6b) ^ a;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h + 0x9e3779b9, 0x85ebca6b) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h + 0x9e3779b9, 0x85ebca6b) ^ c;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
