/**
 * Reporting and stance cues: the verbs and phrases by which news attributes a statement or a
 * position to someone. Lemmas come from general English (verbs of saying, thinking, announcing,
 * intending); they were checked against the PolNeAR training split, not the evaluation split.
 */
import type { ReaderCueTable } from './reader-cues';

type Forms = [base: string, s: string, past: string, ing: string, participle?: string];

function regular(base: string): Forms {
  const s = /(?:s|sh|ch|x|z)$/.test(base) ? `${base}es` : /[^aeiou]y$/.test(base) ? `${base.slice(0, -1)}ies` : `${base}s`;
  // Short consonant-vowel-consonant verbs double their last letter: "quip" → "quipped".
  const stem = base.length <= 4 && /[^aeiou][aeiou][bdgklmnprt]$/.test(base) ? base + base.slice(-1) : base;
  const past = base.endsWith('e')
    ? `${base}d`
    : /[^aeiou]y$/.test(base)
      ? `${base.slice(0, -1)}ied`
      : `${stem}ed`;
  const ing = /[^e]e$/.test(base) ? `${base.slice(0, -1)}ing` : `${stem}ing`;
  return [base, s, past, ing];
}

const IRREGULAR: Forms[] = [
  ['say', 'says', 'said', 'saying'], ['tell', 'tells', 'told', 'telling'], ['think', 'thinks', 'thought', 'thinking'],
  ['write', 'writes', 'wrote', 'writing', 'written'], ['know', 'knows', 'knew', 'knowing', 'known'],
  ['seek', 'seeks', 'sought', 'seeking'], ['feel', 'feels', 'felt', 'feeling'], ['hold', 'holds', 'held', 'holding'],
  ['foresee', 'foresees', 'foresaw', 'foreseeing', 'foreseen'], ['forecast', 'forecasts', 'forecast', 'forecasting'],
  ['admit', 'admits', 'admitted', 'admitting'], ['commit', 'commits', 'committed', 'committing'],
  ['plan', 'plans', 'planned', 'planning'], ['regret', 'regrets', 'regretted', 'regretting'],
  ['tweet', 'tweets', 'tweeted', 'tweeting'], ['signal', 'signals', 'signaled', 'signaling', 'signalled'],
  ['rebut', 'rebuts', 'rebutted', 'rebutting'], ['swear', 'swears', 'swore', 'swearing', 'sworn'],
  ['weigh', 'weighs', 'weighed', 'weighing'], ['see', 'sees', 'saw', 'seeing', 'seen'], ['find', 'finds', 'found', 'finding'],
  ['read', 'reads', 'read', 'reading'],
];

/** Verbs of saying and reporting: any subject makes them an attribution. */
const SAY_LEMMAS = (
  'state announce warn promise pledge vow deny claim argue insist stress note add suggest indicate caution ' +
  'emphasize emphasise underscore acknowledge confirm report explain assert allege declare contend maintain ' +
  'predict estimate reveal disclose complain urge demand threaten accuse blame praise criticize criticise believe ' +
  'expect hope fear worry reply respond answer recall observe describe concede conclude propose recommend ' +
  'ask question doubt agree disagree reject dismiss welcome condemn inform remark comment mention convey express ' +
  'reiterate repeat affirm reaffirm assure guarantee charge counter testify concur speculate assess warn ' +
  'brief announce tout insinuate imply acknowledge proclaim lament decry denounce blast slam mock boast brag ' +
  'joke quip shout scream whisper add explain clarify concede suppose guess figure reckon surmise assume ' +
  'point outline highlight stress signal convey suggest indicate hint acknowledge deride scoff chide rebuke ' +
  'lambaste retort muse opine posit echo concede rebut lash tease taunt vent plead pledge demand insist predict ' +
  'acknowledge affirm forecast advise caution counsel recount relate narrate recite quote paraphrase summarize'
).split(/\s+/);

/**
 * Verbs of perception, evaluation and action-on-someone that news uses to report a view
 * ("polls show", "critics see", "she defended", "he thanked"). They count with a subject.
 */
const VIEW_LEMMAS = (
  'show find view prefer defend endorse oppose criticize criticise attack decide learn offer thank cite refer ' +
  'discuss question press reveal decline refuse vow describe recommend dismiss reject applaud hail slam blast ' +
  'mock dispute challenge acknowledge post tweet'
).split(/\s+/);

/** Stance and intention verbs: a policy position when the subject is a named actor. */
const STANCE_LEMMAS = 'consider intend aim prepare advocate oppose support endorse back favor favour vow pledge want seek plan weigh'.split(' ');

const SAY_FORMS = new Map<string, string>();
const STANCE_FORMS = new Map<string, string>();
const PARTICIPLES = new Set<string>();

function addForms(forms: Forms, into: Map<string, string>) {
  for (const f of forms) if (f) into.set(f, forms[0]);
  PARTICIPLES.add(forms[4] ?? forms[2]);
}
STANCE_FORMS.delete('back');
for (const f of IRREGULAR) {
  if (STANCE_LEMMAS.includes(f[0])) addForms(f, STANCE_FORMS);
  else addForms(f, SAY_FORMS);
}
for (const lemma of [...SAY_LEMMAS, ...VIEW_LEMMAS]) if (!SAY_FORMS.has(lemma)) addForms(regular(lemma), SAY_FORMS);
for (const lemma of STANCE_LEMMAS) if (!STANCE_FORMS.has(lemma) && !SAY_FORMS.has(lemma)) addForms(regular(lemma), STANCE_FORMS);
// "point" alone is not a cue ("point out" is, below); "figure", "guess", "question" are mostly nouns.
for (const w of ['challenge', 'challenges', 'tweet', 'post', 'posts', 'note', 'notes', 'hold', 'holds', 'held', 'holding', 'state', 'states', 'remarks', 'remark', 'view', 'views', 'offer', 'offers', 'read', 'reading', 'attack', 'attacks', 'question', 'decline', 'declines', 'learn', 'show', 'find', 'see', 'seeing', 'finding', 'found', 'refer', 'refers', 'referred', 'press', 'presses', 'point', 'points', 'pointed', 'pointing', 'figure', 'figures', 'figured', 'question', 'questions', 'report', 'reports', 'claim', 'claims', 'hope', 'hopes', 'fear', 'fears', 'comment', 'comments', 'answer', 'answers', 'charge', 'charges', 'estimate', 'estimates', 'guess', 'brief', 'doubt', 'doubts', 'welcome', 'counter', 'highlight', 'highlights', 'highlighted', 'highlighting', 'outline', 'outlines', 'outlined', 'outlining', 'expect', 'expects', 'support', 'supports', 'back', 'backs', 'backed', 'backing', 'favor', 'favour', 'plan', 'plans', 'aim', 'aims', 'want']) {
  SAY_FORMS.delete(w);
}
for (const w of ['support', 'supports', 'supported', 'plans', 'planned', 'aims', 'want', 'wants', 'wanted', 'backed', 'see', 'sees', 'saw']) STANCE_FORMS.set(w, w);
for (const w of ['expect', 'expects', 'expected', 'reports', 'claims', 'hopes', 'fears', 'wants', 'wanted', 'notes', 'shows', 'finds', 'found', 'show', 'views', 'posted', 'tweets', 'tweeted', 'pressed', 'declined', 'referring', 'offered']) SAY_FORMS.set(w, w);

export type CueKind = 'say' | 'stance' | 'according' | 'phrase';

/** "reportedly", "appeared to": the reporter distances themself from the claim. */
export const HEDGE_WORDS = new Set(
  'reportedly allegedly apparently purportedly supposedly possibly perhaps probably likely maybe seemingly ostensibly rumored rumoured unconfirmed'.split(' '),
);
export const HEDGE_VERBS = new Set('appear appears appeared appearing seem seems seemed seeming'.split(' '));

/** Auxiliaries and adverbs that can sit between a subject and its reporting verb. */
export const VERB_FILLERS = new Set(
  (
    'has have had will would could should may might must can is are was were be been being also has not never ' +
    'repeatedly reportedly previously publicly privately later then again once first last further already ' +
    'allegedly apparently recently frequently often always long earlier separately subsequently quickly ' +
    'openly explicitly firmly strongly clearly flatly reportedly initially originally ultimately still just ' +
    'did does do n’t n\'t not appeared appears appear seemed seems seem to continue continues continued'
  ).split(' '),
);

export interface CueHit {
  kind: CueKind;
  lemma: string;
  /** Token range of the cue [first, last). */
  first: number;
  last: number;
}

/**
 * Classifies the word at a token (lowercased); particles like "out" are added by the caller.
 * The reader's own cues come first (longest phrase wins); built-in cues they turned off are skipped.
 */
export function cueAt(words: readonly string[], i: number, reader?: ReaderCueTable): CueHit | null {
  if (!reader) return builtInCueAt(words, i);
  for (const phrase of reader.added.get(words[i]!) ?? []) {
    if (phrase.words.every((w, k) => words[i + k] === w)) return { kind: phrase.kind, lemma: phrase.lemma, first: i, last: i + phrase.words.length };
  }
  const hit = builtInCueAt(words, i);
  if (hit && (reader.removed.has(hit.lemma) || reader.removed.has(words.slice(hit.first, hit.last).join(' ')))) return null;
  return hit;
}

function builtInCueAt(words: readonly string[], i: number): CueHit | null {
  const w = words[i]!;
  const next = words[i + 1];
  if (w === 'according' && next === 'to') return { kind: 'according', lemma: 'according to', first: i, last: i + 2 };
  if ((w === 'point' || w === 'points' || w === 'pointed' || w === 'pointing') && next === 'out')
    return { kind: 'say', lemma: 'point out', first: i, last: i + 2 };
  if ((w === 'call' || w === 'calls' || w === 'called' || w === 'calling') && (next === 'for' || next === 'on'))
    return { kind: 'say', lemma: 'call for', first: i, last: i + 2 };
  // "called him a liar" is a claim about him; "is called Juche" only names something.
  if (w === 'calls' || w === 'called' || w === 'calling') return { kind: 'say', lemma: 'call', first: i, last: i + 1 };
  // "Trump seemed to suggest", "she appears to believe": a view at one remove.
  if ((w === 'seemed' || w === 'seems' || w === 'appeared' || w === 'appears') && (next === 'to' || next === 'that' || next === 'like'))
    return { kind: 'say', lemma: 'seem', first: i, last: i + 1 };
  // '"...," he continued.' — but "continued to" is only an auxiliary.
  if ((w === 'continued' || w === 'continues') && next !== 'to') return { kind: 'say', lemma: 'continue', first: i, last: i + 1 };
  if ((w === 'made' || w === 'make' || w === 'makes') && next === 'clear') return { kind: 'say', lemma: 'make clear', first: i, last: i + 2 };
  const say = SAY_FORMS.get(w);
  if (say) return { kind: 'say', lemma: say, first: i, last: i + 1 };
  const stance = STANCE_FORMS.get(w);
  if (stance) return { kind: 'stance', lemma: stance, first: i, last: i + 1 };
  return null;
}

/** A verb's regular forms: "grumble" → grumble, grumbles, grumbled, grumbling. */
export function regularForms(base: string): string[] {
  return regular(base).filter((f): f is string => Boolean(f));
}

/**
 * Everything a reader means by turning a built-in cue off: "warned" (or "warn", "warns")
 * names the verb "warn" with all its forms; the set holds lemmas and forms alike.
 */
export function formsForRemoval(word: string): Set<string> {
  const bases = new Set([word, word.replace(/(?:ed|d|ing|es|s)$/, ''), word.replace(/(?:ed|ing)$/, 'e')].filter(Boolean));
  const out = new Set<string>();
  for (const base of bases) {
    for (const lemma of [base, SAY_FORMS.get(base), STANCE_FORMS.get(base)]) {
      if (!lemma) continue;
      out.add(lemma);
      for (const form of IRREGULAR.find((f) => f.includes(lemma)) ?? regular(lemma)) if (form) out.add(form);
    }
  }
  // Stray stems ("ne" from "need") are harmless: the set is only compared with real cue hits.
  return out;
}

export function isParticiple(word: string): boolean {
  return PARTICIPLES.has(word);
}

/** Any form of a cue verb ("says", "warns", "calls"), for telling verbs from names in headlines. */
export function isCueWord(lower: string): boolean {
  return SAY_FORMS.has(lower) || STANCE_FORMS.has(lower) || lower === 'calls' || lower === 'called';
}
