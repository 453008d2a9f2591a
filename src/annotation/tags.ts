/** How a reader's typed tags become tags: one rule for the hover card, the library and import. */

/** "a, b ,, c" → ["a", "b", "c"], duplicates removed, "#" prefixes dropped. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((t) => t.trim().replace(/^#+/, '').trim()).filter(Boolean))];
}
