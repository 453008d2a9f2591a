/**
 * Feature hashing. A feature is a template id mixed with the hashes of the values it reads
 * ("word at -1" × hash("the")), so no feature string is ever built at run time and the shipped
 * model holds 32-bit keys instead of a string table. The same functions run in training and in
 * the extension, so the keys agree bit for bit.
 */

/** FNV-1a over UTF-16 code units: stable across platforms, no allocation. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: spreads the bits of a 32-bit value. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Murmur3's finaliser over a combination of two 32-bit values: order matters, bits spread. */
export function mix(a: number, b: number): number {
  return fmix32((Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) + b) | 0);
}

/** A template's id: one hash per template name, computed once at module load. */
export function templateId(name: string): number {
  return hashString(`tpl:${name}`);
}
