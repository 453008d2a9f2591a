/**
 * `claimlens-bench:anchor` is resolved by `bundle.ts`: it re-exports `anchorQuote` from
 * `src/annotation/anchor.ts` when that module exists, and a stub (`anchorAvailable = false`) otherwise.
 * The shapes are those of `anchor-types.ts` (an ambient module cannot import a relative path).
 */
declare module 'claimlens-bench:anchor' {
  export const anchorAvailable: boolean;
  export function anchorQuote(
    text: string,
    selectors: { quote: { exact: string; prefix: string; suffix: string }; position?: { start: number; end: number } },
  ): { start: number; end: number; score: number; method: string } | null;
}
