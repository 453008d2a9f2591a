/**
 * The re-anchoring contract the bench measures (`src/annotation/anchor.ts`): a saved passage's
 * TextQuoteSelector and TextPositionSelector in, its place in the current article text out,
 * or null when no match scores above the minimum (an orphan).
 */
export interface AnchorSelectors {
  quote: { exact: string; prefix: string; suffix: string };
  position?: { start: number; end: number };
}

export interface AnchorResult {
  start: number;
  end: number;
  score: number;
  method: string;
}
