/**
 * Realistic annotation records for the store bench, generated deterministically from a seed:
 * a few hundred sites and actors with Zipf-like frequencies (a researcher reads a few outlets
 * and a few people most), tags, snippets of 80–500 characters from a word vocabulary whose
 * frequencies are Zipf-like too (so there are common and rare words to search for), notes on
 * some, and kinds and sourcing mixed. Each record is built by the extension's own
 * `buildAnnotation`, so it is exactly what a save produces. Pure: runs in Node and in the page.
 */
import { buildAnnotation } from '../../src/annotation/build';
import type { Annotation, AnnotationKind, Sourcing } from '../../src/annotation/record';
import type { AnnotationDraft } from '../../src/messages';

/**
 * sfc32 (public domain) seeded through splitmix32 from (seed, stream): 128 bits of state, so
 * the streams of 100,000 records never run into one another (a 32-bit generator's do: two
 * records then come out the same, and the store rightly skips the second as a duplicate).
 */
export function prng(seed: number, stream = 0): () => number {
  let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split() ^ stream;
  let b = split();
  let c = split();
  let d = split() ^ seed;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * Picks ranks 0..n-1 with probability ∝ 1/(rank+q)^s (Zipf–Mandelbrot; q = 1 is plain Zipf),
 * by binary search over the cumulative weights.
 */
export function zipf(n: number, s = 1, q = 1): (random: () => number) => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + q) ** s;
  return (random) => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

// Head of the vocabulary: real words of policy reporting (the most frequent ranks). The tail is
// made of pronounceable invented words, so a rare word really is rare.
const HEAD_WORDS = (
  'government said minister policy officials president talks security would state election ' +
  'economy sanctions trade week report plan country military people year told agreement ' +
  'support public new foreign spokesman budget court law tax energy prices minister council ' +
  'parliament opposition committee percent growth inflation deal vote defence border health ' +
  'summit ceasefire tariffs statement according rules reform bank market investment workers ' +
  'climate emissions migration refugees aid troops missile nuclear negotiations envoy treaty ' +
  'governor senator coalition campaign poll voters debt deficit interest rates jobs wages ' +
  'strike protest police investigation prosecutors ruling judge appeal regulators companies'
).split(/\s+/);
const SYLLABLES = 'ba be bi bo du fa fe fi go ka ke ki ko la le li lo lu ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi zo'.split(' ');

function inventedWords(count: number, random: () => number): string[] {
  const seen = new Set<string>(HEAD_WORDS);
  const out: string[] = [];
  while (out.length < count) {
    const parts = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (!seen.has(word)) {
      seen.add(word);
      out.push(word);
    }
  }
  return out;
}

const FIRST = 'Anna Boris Carla David Elena Farid Greta Hugo Ines Jonas Karin Luca Maria Nadia Omar Petra Rafael Sofia Tomas Ursula Viktor Yara'.split(' ');
const LAST = 'Albrecht Barros Chen Dubois Eriksen Fischer Garcia Haddad Ivanova Jensen Kowalski Lindqvist Moreau Nakamura Okafor Petrov Quinn Rossi Schmidt Tanaka Umarov Varga Weber'.split(' ');
const ORGS = 'Ministry of Finance|European Commission|Central Bank|World Health Organization|United Nations|NATO|Supreme Court|Energy Agency|Trade Council|Electoral Commission'.split('|');
const TLDS = ['com', 'org', 'net', 'co.uk', 'de', 'fr', 'news', 'info'];
const TAG_NAMES = 'follow-up|check|quote|energy|elections|budget|sanctions|climate|migration|health|court|defence|trade|to-verify|background|timeline|contradiction|data|interview|profile|europe|asia|africa|americas|middle-east|leak|poll|statement|numbers|primary-source'.split('|');
const KINDS: AnnotationKind[] = ['claim', 'claim', 'actor', 'manual', 'manual'];
const SOURCING: (Sourcing | null)[] = ['named', 'named', 'vague', 'unattributed', null];

export interface StoreDataOptions {
  seed: number;
  sites?: number;
  actors?: number;
  vocabulary?: number;
  /** Time of the oldest record; records follow about every 7 minutes with jitter. */
  start?: Date;
}

export interface StoreData {
  sites: readonly string[];
  actors: readonly string[];
  words: readonly string[];
  /** The i-th record (0-based); the same seed gives the same record, in any order of calls. */
  record(i: number): Annotation;
  /** What the bench searches and filters for: the most frequent site and actor, a common and a rare word. */
  probes: { site: string; actor: string; commonWord: string; rareWord: string };
}

export function storeData(options: StoreDataOptions): StoreData {
  const setup = prng(options.seed);
  const siteCount = options.sites ?? 300;
  const actorCount = options.actors ?? 300;
  const words = [...HEAD_WORDS, ...inventedWords((options.vocabulary ?? 6000) - HEAD_WORDS.length, setup)];
  const sites = Array.from({ length: siteCount }, (_, i) => {
    const name = inventedWords(1, setup)[0]!;
    return `${i % 3 === 0 ? 'www.' : ''}${name}${i % 5 === 0 ? '-news' : ''}.${TLDS[i % TLDS.length]}`;
  });
  const people = FIRST.flatMap((first) => LAST.map((last) => `${first} ${last}`));
  const actors = Array.from({ length: actorCount }, (_, i) => (i % 12 === 5 ? ORGS[i % ORGS.length]! + (i >= 12 ? ` ${i}` : '') : people[(i * 37) % people.length]!));
  const pickSite = zipf(siteCount, 1);
  const pickActor = zipf(actorCount, 1);
  // The offset flattens the head: no one word fills every sentence.
  const pickWord = zipf(words.length, 1.05, 8);
  const pickTag = zipf(TAG_NAMES.length, 1);
  const start = (options.start ?? new Date(Date.UTC(2025, 0, 1))).getTime();

  const sentence = (random: () => number, min: number, max: number): string => {
    const target = min + Math.floor(random() * (max - min + 1));
    let text = '';
    let capital = true;
    while (text.length < target) {
      let word = words[pickWord(random)]!;
      if (capital) word = word[0]!.toUpperCase() + word.slice(1);
      capital = random() < 0.08;
      text += (text ? ' ' : '') + word + (capital ? '.' : random() < 0.07 ? ',' : '');
    }
    // Room for the closing full stop: the result is never longer than `max`.
    text = text.slice(0, max - 1).replace(/[ ,]+$/, '');
    return /[.]$/.test(text) ? text : `${text}.`;
  };

  function record(i: number): Annotation {
    const random = prng(options.seed, i);
    const site = sites[pickSite(random)]!;
    const story = Math.floor(random() * 40);
    const slug = `${words[pickWord(random)]}-${words[pickWord(random)]}-${story}`;
    const tracked = random() < 0.1;
    const pageUrl = `https://${site}/${2025 + (story % 2)}/${String(1 + (story % 12)).padStart(2, '0')}/${slug}${tracked ? '?utm_source=feed&utm_medium=rss' : ''}`;
    const kind = KINDS[Math.floor(random() * KINDS.length)]!;
    const actorCountHere = kind === 'manual' ? Math.floor(random() * 2) : 1 + Math.floor(random() * 3);
    const chosen = [...new Set(Array.from({ length: actorCountHere }, () => actors[pickActor(random)]!))];
    const exact = sentence(random, 80, 500);
    const at = Math.floor(random() * 20_000);
    const tags = random() < 0.45 ? [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => TAG_NAMES[pickTag(random)]!))] : [];
    const draft: AnnotationDraft = {
      exact,
      prefix: sentence(random, 10, 32).slice(-32),
      suffix: sentence(random, 10, 32).slice(0, 32),
      start: at,
      end: at + exact.length,
      pageUrl,
      canonicalLink: null,
      title: `${sentence(random, 30, 90).replace(/\.$/, '')} | ${site.replace(/^www\./, '')}`,
      note: random() < 0.3 ? sentence(random, 20, 240) : '',
      tags,
      kind,
      actors: chosen,
      speaker: kind === 'claim' && chosen.length && random() < 0.8 ? chosen[0]! : null,
      sourcing: kind === 'claim' ? SOURCING[Math.floor(random() * SOURCING.length)]! : null,
    };
    // About every 7 minutes, a few saves in the same millisecond now and then.
    const now = new Date(start + i * 420_000 + (random() < 0.02 ? 0 : Math.floor(random() * 400_000)));
    const hex = () => Math.floor(random() * 0x10000).toString(16).padStart(4, '0');
    // Random-looking, and unique by construction: the record number is the last 8 hex digits.
    const newId = () => `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-${'89ab'[Math.floor(random() * 4)]}${hex().slice(1)}-${hex()}${(i >>> 0).toString(16).padStart(8, '0')}`;
    return buildAnnotation(draft, { now, newId });
  }

  return {
    sites,
    actors,
    words,
    record,
    probes: {
      site: sites[0]!.replace(/^www\./, ''),
      actor: actors[0]!,
      commonWord: words.find((w) => w.length >= 4 && !/^(said|would)$/.test(w)) ?? words[0]!,
      // Far down the tail: a few dozen records in 100,000.
      rareWord: words[Math.floor(words.length * 0.95)]!,
    },
  };
}
