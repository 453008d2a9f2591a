/**
 * The page-level style that colours our highlights: `::highlight()` rules (and the `<mark>`
 * fallback) generated from the reader's colours. Every colour goes through parseHexColour
 * again here, so only `#rrggbb` values — never page or free user text — become CSS.
 * highlights.css ships the same rules for the defaults, for the moment before settings load
 * and for pages that refuse an inline style.
 */
import {
  COLOUR_CATEGORIES,
  type ColourCategory,
  DEFAULT_COLOURS,
  FILL_ALPHA,
  type HighlightColours,
  isLine,
  parseHexColour,
  rgbOf,
} from '../settings-colours';
import { HIGHLIGHT_PREFIX, MARK_ATTRIBUTE } from './highlight';

export const STYLE_ATTRIBUTE = 'data-claimlens-highlight-style';

function declarations(category: ColourCategory, hex: string): string {
  if (isLine(category)) {
    const wavy = category === 'claim-unattributed' ? ' wavy' : '';
    return `text-decoration: underline${wavy} 2px ${hex}; text-underline-offset: 3px;`;
  }
  const [r, g, b] = rgbOf(hex);
  return `background-color: rgba(${r}, ${g}, ${b}, ${FILL_ALPHA});`;
}

/** One rule per line: `::highlight()` for every category, `mark[...]` for the fills. */
export function highlightCss(colours: Partial<Record<ColourCategory, unknown>>): string {
  const lines: string[] = [];
  for (const category of COLOUR_CATEGORIES) {
    const hex = parseHexColour(colours[category]) ?? DEFAULT_COLOURS[category];
    lines.push(`::highlight(${HIGHLIGHT_PREFIX}${category}) { ${declarations(category, hex)} }`);
  }
  for (const category of COLOUR_CATEGORIES) {
    if (isLine(category)) continue; // without the API, claims are not painted (see highlight.ts)
    const hex = parseHexColour(colours[category]) ?? DEFAULT_COLOURS[category];
    lines.push(`mark[${MARK_ATTRIBUTE}='${category}'] { ${declarations(category, hex)} }`);
  }
  return lines.join('\n');
}

export interface HighlightStyle {
  apply(colours: HighlightColours): void;
  remove(): void;
}

/**
 * One `<style>` element in the page, created on first use and rewritten on every change.
 * `ownAttribute` marks it as ours, so the page watcher and the article reader skip it.
 */
export function createHighlightStyle(doc: Document, ownAttribute: string): HighlightStyle {
  let style: HTMLStyleElement | null = null;
  return {
    apply(colours) {
      if (!style || !style.isConnected) {
        style = doc.createElement('style');
        style.setAttribute(STYLE_ATTRIBUTE, '');
        style.setAttribute(ownAttribute, '');
        (doc.head ?? doc.documentElement).append(style);
      }
      style.textContent = highlightCss(colours);
    },
    remove() {
      style?.remove();
      style = null;
    },
  };
}
