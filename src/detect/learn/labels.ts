/**
 * Span labels for sequence tagging. BILOU (Begin, Inside, Last, Unit, Outside) tells the model
 * where a name ends as well as where it starts, which Ratinov & Roth found better than BIO for
 * news NER; BIO is kept for taggers whose spans are long (a claim's content). The scheme
 * decides which label may follow which, so Viterbi never returns a broken span.
 */

export type Scheme = 'BILOU' | 'BIO';

export function labelsFor(scheme: Scheme, types: readonly string[]): string[] {
  const prefixes = scheme === 'BILOU' ? ['B', 'I', 'L', 'U'] : ['B', 'I'];
  return ['O', ...types.flatMap((t) => prefixes.map((p) => `${p}-${t}`))];
}

function parts(label: string): [string, string] {
  return label === 'O' ? ['O', ''] : [label.slice(0, 1), label.slice(2)];
}

/** May `next` follow `prev`? (`prev` null: the sequence starts.) */
export function allowed(scheme: Scheme, prev: string | null, next: string): boolean {
  const [np, nt] = parts(next);
  const pp = prev === null ? 'O' : parts(prev)[0];
  const pt = prev === null ? '' : parts(prev)[1];
  const open = scheme === 'BILOU' ? pp === 'B' || pp === 'I' : false;
  if (open) return (np === 'I' || np === 'L') && nt === pt;
  if (scheme === 'BILOU') return np === 'O' || np === 'B' || np === 'U';
  return np === 'O' || np === 'B' || (np === 'I' && (pp === 'B' || pp === 'I') && nt === pt);
}

/** May the sequence end on `last`? */
export function allowedEnd(scheme: Scheme, last: string): boolean {
  const p = parts(last)[0];
  return scheme === 'BIO' || p === 'O' || p === 'L' || p === 'U';
}

/** Spans [first, last) with their types, read from a label sequence. */
export function spansOf(labels: readonly string[]): { first: number; last: number; type: string }[] {
  const out: { first: number; last: number; type: string }[] = [];
  let open: { first: number; type: string } | null = null;
  const close = (end: number) => {
    if (open) out.push({ first: open.first, last: end, type: open.type });
    open = null;
  };
  labels.forEach((label, i) => {
    const [p, t] = parts(label);
    if (p === 'O') return close(i);
    if (p === 'U') {
      close(i);
      out.push({ first: i, last: i + 1, type: t });
      return;
    }
    if (p === 'B' || !open || open.type !== t) {
      close(i);
      open = { first: i, type: t };
    }
    if (p === 'L') close(i + 1);
  });
  close(labels.length);
  return out;
}

/** Label sequence for spans over `n` tokens (the inverse of `spansOf`). */
export function encodeSpans(scheme: Scheme, n: number, spans: readonly { first: number; last: number; type: string }[]): string[] {
  const labels = new Array<string>(n).fill('O');
  for (const s of spans) {
    for (let i = s.first; i < s.last; i++) {
      if (scheme === 'BIO') labels[i] = `${i === s.first ? 'B' : 'I'}-${s.type}`;
      else if (s.last - s.first === 1) labels[i] = `U-${s.type}`;
      else labels[i] = `${i === s.first ? 'B' : i === s.last - 1 ? 'L' : 'I'}-${s.type}`;
    }
  }
  return labels;
}
