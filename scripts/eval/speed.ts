/**
 * Median time for a 1,000-word article: PolNeAR dev texts are cut into consecutive 1,000-word
 * pieces (at whitespace, so sentences stay as written), each piece is detected a few times after
 * a warm-up, and the median of all runs is reported.
 */
import { type Detector, rulesDetector } from './detector';
import { readPolnear } from './polnear';

export function thousandWordPieces(texts: readonly string[], limit = 60): string[] {
  const pieces: string[] = [];
  let words: string[] = [];
  for (const text of texts) {
    for (const w of text.split(/(?<=\s)/)) {
      words.push(w);
      if (words.filter((x) => x.trim()).length >= 1000) {
        pieces.push(words.join(''));
        words = [];
        if (pieces.length >= limit) return pieces;
      }
    }
  }
  return pieces;
}

export function medianMsPer1000Words(runs = 3, run: Detector = rulesDetector): { medianMs: number; pieces: number } {
  const pieces = thousandWordPieces(readPolnear('dev').map((a) => a.text));
  for (const p of pieces.slice(0, 5)) run(p); // warm-up: JIT and watchlist compilation
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (const p of pieces) {
      const t0 = performance.now();
      run(p);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] ?? 0, pieces: pieces.length };
}
