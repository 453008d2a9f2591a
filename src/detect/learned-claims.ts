/**
 * Claims from the trained attribution tagger. The tagger marks, per sentence, Source (who),
 * Cue (the reporting verb or phrase) and Content (what); this module turns those spans into
 * Claimlens claims: the sentence (or the clause of a second speaker) is the underline, the cue
 * is the tagged Cue, the speaker is the tagged Source read by claims.ts's noun-phrase logic
 * (a name → named; he/she/it through the recent speakers and mentions; officials, a statement
 * → vague; rumours, reports → unattributed), with no Source meaning unattributed. A sentence
 * with no Cue holds no claim, whatever Content runs through it.
 */
import type { ActorSpan, ArticleContext } from './actors';
import { type ClaimSentenceInput, sentenceCues } from './claim-features';
import type { ClaimRole, ClaimTagger, CueForce, RoleSpan } from './claim-tagger';
import { INSTITUTION_NOUNS, PRONOUNS, STATEMENT_NOUNS, type Speaker, UNATTRIBUTED_NOUNS, VAGUE_NOUNS, isHedged, mentionByToken, nounPhraseSpeaker, none, speakerFor } from './claims';
import type { CueHit } from './cues';
import { PERSON_NOUNS, posTag } from './lexicon';
import { TITLE_WORDS } from './names';
import type { ReaderCueTable } from './reader-cues';
import type { Sentence } from './sentences';
import type { Claim, Mention } from './types';

/** The word class feature of a lower-case token (see claim-features.ts). */
export function wordClass(lw: string): string {
  if (PRONOUNS.has(lw)) return 'pronoun';
  if (STATEMENT_NOUNS.has(lw)) return 'statement';
  if (UNATTRIBUTED_NOUNS.has(lw)) return 'unattributed';
  if (INSTITUTION_NOUNS.has(lw)) return 'institution';
  if (TITLE_WORDS.has(lw)) return 'title';
  if (VAGUE_NOUNS.has(lw) || PERSON_NOUNS.has(lw)) return 'vague';
  return '';
}

const QUOTE_WORDS = new Set(['"', '\u201c', '\u201d', '\u00ab', '\u00bb']);
const SECOND_CLAUSE = new Set([';', 'while', 'but', 'whereas', 'yet']);
/**
 * Words that can head a Source besides names, people and bodies: pronouns and relatives, groups
 * ("the crowd", "conservatives"), things that show or find ("polls show", "the study found").
 * Read off the most frequent lower-case Source heads in PolNeAR train.
 */
const CAPITAL = /^\p{Lu}/u;
/** Verbs whose agentless passive still reports a statement: "it was reported", "he was accused". */
const REPORTING_LEMMAS = new Set('say report announce claim allege believe expect accuse understand confirm tell state estimate suggest predict note warn describe consider fear rumor rumour'.split(' '));
const SUBORDINATORS = new Set(['after', 'before', 'when', 'because', 'while', 'although', 'though', 'since', 'until', 'if', 'unless', ';']);
const BAD_CUE_START = new Set('the a an this these those into in on at of for from with by to about over under'.split(' '));
const NO_ANSWER = new Set('respond responded responding reply replied return returned comment commented answer answered'.split(' '));
const NEGATIONS = new Set(["not", "n't", "n\u2019t", 'never', "didn't", 'didn\u2019t', "did", "hasn't", "haven't", "wasn't", 'no']);
const POSSESSIVE_PRONOUN: Record<string, string> = { its: 'it', his: 'he', her: 'she', their: 'they' };
const POSSESSIVE = new Set(["'s", '\u2019s', "'", '\u2019']);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those']);
/** Where a Source's head phrase ends: "people familiar with", "a lawyer for", "officials who". */
const HEAD_STOPS = new Set("did didn't didn\u2019t does doesn't has hasn't have haven't had is was were are will would could can not n't never also".split(' ').concat('of for with in at on from to by about familiar close who which that whose ahead over after before during amid around near across against among under within without since following including like as than'.split(' ')));
/** Bodies by a common noun, beyond claims.ts's institutions: "the prosecutor's office", "the city's police". */
const BODY_NOUNS = new Set('office ministry authority authorities police court courts agency department embassy foundation group organisation organization institute university council team spokesperson'.split(' '));
/** Singular roles that stand for a person named before: "the founder", "the chief". */
const ROLE_NOUNS = new Set('founder chief leader head director chairman chairwoman ceo owner candidate nominee incumbent premier'.split(' '));
const AGENT_WORDS = new Set('which that whose his her its their our my your me him us them one others everyone anyone someone nobody those both all half majority majorities public crowd audience community families candidate candidates group groups team staff organization organizations countries conservatives liberals progressives delegates advocates executives outlets website email emails video evidence results polling poll polls survey surveys study studies data research findings analysis analyses figures records documents filing filings lawsuit complaint indictment ruling order'.split(' '));
/** Nouns for people by what they do: "lawyer", "prosecutor", "analysts", "historian". */
const PERSON_SUFFIX = /^\p{Ll}+(?:er|or|ist|ian|ant|ent)s?$/u;

export interface ClaimInputs {
  inputs: ClaimSentenceInput[];
  cues: (CueHit | null)[][];
  /** Per sentence, the reader's constraints on cue tags (undefined: none). */
  force: CueForce[];
}

/** The tagger's inputs for an article: one entry per sentence. */
export function claimInputs(ctx: ArticleContext, sentences: readonly Sentence[], spans: readonly ActorSpan[], reader?: ReaderCueTable): ClaimInputs {
  const { tokens } = ctx;
  const actorAt = new Array<string>(tokens.length).fill('');
  for (const s of spans) {
    const type = s.demonym ? 'demonym' : s.type;
    for (let i = s.first; i < s.last; i++) actorAt[i] = `${i === s.first ? 'B' : 'I'}-${type}`;
  }
  const inputs: ClaimSentenceInput[] = [];
  const cues: (CueHit | null)[][] = [];
  const force: CueForce[] = [];
  for (const s of sentences) {
    const words: string[] = [];
    const lower: string[] = [];
    const actors: string[] = [];
    const classes: string[] = [];
    for (let i = s.first; i < s.last; i++) {
      const w = tokens[i]!.text;
      const lw = w.toLowerCase();
      words.push(w);
      lower.push(lw);
      actors.push(actorAt[i]!);
      classes.push(wordClass(lw));
    }
    const c = sentenceCues(lower, reader);
    inputs.push({ words, lower, actors, classes });
    cues.push(c);
    force.push(reader ? readerForce(lower, c, reader) : undefined);
  }
  return { inputs, cues, force };
}

const removedByFirst = new WeakMap<ReaderCueTable, Map<string, string[][]>>();

/** The reader's turned-off phrases of several words, by first word; once per table. */
function removedPhrases(reader: ReaderCueTable): Map<string, string[][]> {
  let map = removedByFirst.get(reader);
  if (!map) {
    map = new Map();
    for (const r of reader.removed) {
      if (!r.includes(' ')) continue;
      const parts = r.split(' ');
      map.set(parts[0]!, [...(map.get(parts[0]!) ?? []), parts]);
    }
    removedByFirst.set(reader, map);
  }
  return map;
}

/** +1 on the reader's added cues, -1 on the words of cues they turned off (added wins). */
function readerForce(lower: readonly string[], cues: readonly (CueHit | null)[], reader: ReaderCueTable): CueForce {
  const n = lower.length;
  let out: Int8Array | undefined;
  const set = (i: number, v: number) => {
    out ??= new Int8Array(n);
    out[i] = v;
  };
  const phrases = removedPhrases(reader);
  for (let i = 0; i < n; i++) {
    const w = lower[i]!;
    if (reader.removed.has(w)) set(i, -1);
    // Phrases turned off ("according to", "point out").
    for (const parts of phrases.get(w) ?? []) {
      if (parts.every((p, k) => lower[i + k] === p)) for (let k = 0; k < parts.length; k++) set(i + k, -1);
    }
  }
  for (let i = 0; i < n; i++) {
    for (const phrase of reader.added.get(lower[i]!) ?? []) {
      if (phrase.words.every((w, k) => lower[i + k] === w)) {
        for (let k = 0; k < phrase.words.length; k++) set(i + k, 1);
        i += phrase.words.length - 1;
        break;
      }
    }
  }
  // A cue hit the reader added keeps its +1 over any -1 on the same words.
  for (let i = 0; i < n; i++) {
    const c = cues[i];
    if (c && out && out[i] === -1 && reader.added.get(lower[c.first]!)?.some((p) => p.lemma === c.lemma)) out[i] = 1;
  }
  return out;
}

interface Attribution {
  cue: RoleSpan;
  source: RoleSpan | null;
}

export function findClaimsLearned(
  ctx: ArticleContext,
  sentences: readonly Sentence[],
  spans: readonly ActorSpan[],
  mentions: readonly Mention[],
  tagger: ClaimTagger,
  reader?: ReaderCueTable,
): Claim[] {
  const { tokens, text } = ctx;
  const { inputs, cues, force } = claimInputs(ctx, sentences, spans, reader);
  const tagged = tagger.tagArticle(inputs, cues, force);
  const words = tokens.map((t) => t.text.toLowerCase());
  const mentionAt = mentionByToken(spans, mentions);
  const history: { speaker: Speaker; sentence: number }[] = [];
  const claims: Claim[] = [];
  // Inside a quotation opened earlier in the paragraph, before each token (one pass; the same
  // reading as claims.ts's insideQuotation: curly quotes open and close, straight ones by parity).
  const inQuotation = new Uint8Array(tokens.length);
  {
    let open = 0;
    let straight = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (i > 0 && text.slice(tokens[i - 1]!.end, tokens[i]!.start).includes('\n')) {
        open = 0;
        straight = 0;
      }
      inQuotation[i] = open > 0 || straight % 2 === 1 ? 1 : 0;
      const t = tokens[i]!.text;
      if (t === '\u201c') open++;
      else if (t === '\u201d') open = Math.max(0, open - 1);
      else if (t === '"') straight++;
    }
  }
  sentences.forEach((s, si) => {
    const roles = tagged[si]!;
    const cueSpans = roles.filter((r) => r.role === 'CUE');
    if (cueSpans.length === 0) return;
    const sources = roles.filter((r) => r.role === 'SRC');
    const at = (r: RoleSpan) => tokens[s.first + r.first]!.start;
    const quoted = (r: RoleSpan) => inQuotation[s.first + r.first] === 1;
    // A question asserts nothing, unless it is quoted and attributed ('"Why now?" she asked').
    const question = words[s.last - 1] === '?' && !words.slice(s.first, s.last).some((w) => QUOTE_WORDS.has(w));
    const forced = (c: RoleSpan) => force[si]?.[c.first] === 1;
    // Each cue takes the nearest Source outside quotation marks: before it, or right after an inverted verb.
    const attributions: Attribution[] = [];
    /** Where narration the model read as an attribution ends ("The discussion reflects ..."). */
    let narrationEnd = -1;
    for (const cue of cueSpans) {
      let best: RoleSpan | null = null;
      let bestDist = Infinity;
      for (const src of sources) {
        if (quoted(src) && !quoted(cue)) continue;
        // "X fled after their homes were attacked": a subordinate clause has its own subject.
        if (src.last <= cue.first && clauseBetween(s.first + src.last, s.first + cue.first)) continue;
        const d = src.last <= cue.first ? cue.first - src.last : src.first >= cue.last ? (src.first - cue.last) * 1.5 : Infinity;
        if (d < bestDist) {
          bestDist = d;
          best = src;
        }
      }
      const a = { cue, source: best };
      // Narration ("Oil prices declined", "The discussion reflects") has no one who speaks; a
      // question asserts nothing. (Cues inside quotations stay: the model knows them, and
      // dropping them measured worse.)
      if (!forced(cue) && (question || !isAgent(a, s, si) || !wellFormed(cue, s))) {
        narrationEnd = Math.max(narrationEnd, cue.last);
        continue;
      }
      attributions.push(a);
    }
    if (attributions.length === 0) return;
    // One claim per sentence: the attribution with a Source outside quotation marks comes first;
    // a later cue makes a second claim only with its own Source past a clause boundary
    // ("X said ..., while Y argued ...").
    // A trailing '..., the prosecutor's office said.' is the reporter's own source for everything
    // before it, so it outranks the attributions it reports.
    const roleAfter = (a: Attribution) => roles.some((r) => r.first >= a.cue.last && r.role !== 'SRC');
    const trailing = (a: Attribution) => a.cue.first > 0 && roles.some((r) => r.role === 'CNT' && r.last <= Math.min(a.cue.first, a.source?.first ?? Infinity)) && !roleAfter(a);
    const explicit = (a: Attribution) => {
      if (!a.source) return false;
      for (let i = a.source.first; i < a.source.last; i++) if (mentionAt.has(s.first + i)) return true;
      return false;
    };
    const rank = (a: Attribution) => (a.source ? 2 : 0) + (quoted(a.cue) ? 0 : 1) + (a.source && trailing(a) ? 4 : 0) + (explicit(a) ? 0.5 : 0);
    let primary = attributions[0]!;
    for (const a of attributions) if (rank(a) > rank(primary)) primary = a;
    const groups: Attribution[] = [primary];
    for (const a of attributions) {
      const prev = groups[groups.length - 1]!;
      if (a.cue.first <= prev.cue.first || !a.source || a.source === prev.source || a.source.first < prev.cue.last || quoted(a.cue)) continue;
      let boundary = false;
      for (let i = s.first + prev.cue.last; i < s.first + a.source.first; i++) {
        const w = words[i]!;
        if (SECOND_CLAUSE.has(w) || (w === 'and' && words[i - 1] === ',')) boundary = true;
      }
      if (boundary) groups.push(a);
    }
    const hedged = isHedged(words, s);
    // Known at once, so "it" later in the sentence can refer back to this speaker.
    const allSpeakers = groups.map((g) => {
      const sp = speakerOf(g, s, si);
      if (sp.name) history.push({ speaker: sp, sentence: si });
      return sp;
    });
    // The same speaker going on ("...; it notes that") stays one claim.
    for (let k = groups.length - 1; k > 0; k--) {
      if (allSpeakers[k]!.name !== null && allSpeakers[k]!.name === allSpeakers[k - 1]!.name) {
        groups.splice(k, 1);
        allSpeakers.splice(k, 1);
      }
    }
    const speakers = allSpeakers;
    groups.forEach((g, k) => {
      // Punctuation the annotators sometimes included ("said:") is not part of the cue shown.
      let cueFirst = s.first + g.cue.first;
      let cueLast = s.first + g.cue.last;
      while (cueLast - 1 > cueFirst && !tokens[cueLast - 1]!.word) cueLast--;
      while (cueFirst + 1 < cueLast && !tokens[cueFirst]!.word) cueFirst++;
      const speaker = speakers[k]!;
      const begin = (i: number) => {
        const gi = groups[i]!;
        const first = Math.min(gi.cue.first, gi.source?.first ?? Infinity);
        return tokens[s.first + first]!.start;
      };
      // The claim is the sentence, or its own clause: from a second speaker on, or past narration
      // before the first ("The discussion reflects ... as U.S. policymakers assess ...").
      // Narration joined by "but", "while", ";" before the first role is not part of the claim
      // ("The tagline drew ridicule on Monday, but Noem cited the backlash as proof that ...").
      let firstRole = roles.length > 0 ? roles[0]!.first : 0;
      if (narrationEnd >= 0) for (const r of roles) if (r.first >= narrationEnd) { firstRole = Math.max(firstRole, r.first); break; }
      let joinedNarration = false;
      for (let i = s.first; i < s.first + firstRole; i++) if (SECOND_CLAUSE.has(words[i]!) || (words[i] === 'and' && words[i - 1] === ',')) joinedNarration = true;
      const afterNarration = (narrationEnd >= 0 && narrationEnd <= Math.min(g.cue.first, g.source?.first ?? Infinity)) || joinedNarration;
      const start = k === 0 && !afterNarration ? s.start : k === 0 && joinedNarration && narrationEnd < 0 ? tokens[s.first + firstRole]!.start : begin(k);
      const end = k + 1 < groups.length ? text.slice(0, begin(k + 1)).replace(/[\s,;:\u2014\u2013-]+$/, '').length : s.end;
      claims.push({
        start,
        end: Math.max(start, end),
        text: text.slice(start, Math.max(start, end)),
        speaker: speaker.name,
        speakerStart: speaker.start,
        speakerEnd: speaker.end,
        cue: text.slice(tokens[cueFirst]!.start, tokens[cueLast - 1]!.end),
        cueStart: tokens[cueFirst]!.start,
        cueEnd: tokens[cueLast - 1]!.end,
        sourcing: speaker.sourcing,
        hedged,
      });
    });
    while (history.length > 0 && si - history[0]!.sentence > 3) history.shift();
  });
  return withRunOnQuotes(claims);

  /**
   * A quotation that runs over several sentences is its speaker's claim throughout: a sentence
   * with no claim of its own, mostly Content and inside a quotation, takes the speaker and cue of
   * the claim in the sentence its quotation runs from or to ('"We stand tall. We will not
   * bend," he said.').
   */
  function withRunOnQuotes(found: Claim[]): Claim[] {
    const bySentence = new Map<number, Claim>();
    let c = 0;
    sentences.forEach((s, si) => {
      while (c < found.length && found[c]!.start < s.start) c++;
      if (c < found.length && found[c]!.start < s.end) bySentence.set(si, found[c]!);
    });
    const extra: Claim[] = [];
    /** Mostly Content inside a quotation, with no cue of its own. */
    const runsOn = (si: number): boolean => {
      const s = sentences[si]!;
      const roles = tagged[si]!;
      let content = 0;
      let wordsIn = 0;
      let quotedWords = 0;
      for (let i = s.first; i < s.last; i++) {
        if (!tokens[i]!.word) continue;
        wordsIn++;
        if (inQuotation[i] || QUOTE_WORDS.has(words[i - 1] ?? '')) quotedWords++;
      }
      for (const r of roles) if (r.role === 'CNT') for (let i = s.first + r.first; i < s.first + r.last; i++) if (tokens[i]!.word) content++;
      return wordsIn >= 3 && content >= 0.6 * wordsIn && quotedWords >= 0.6 * wordsIn && !roles.some((r) => r.role === 'CUE');
    };
    const take = (si: number, from: Claim) => {
      const s = sentences[si]!;
      const claim = { ...from, start: s.start, end: s.end, text: text.slice(s.start, s.end), hedged: isHedged(words, s) };
      extra.push(claim);
      bySentence.set(si, claim);
    };
    // Forward: a quotation carrying on from the previous sentence's claim; then backward: one
    // running into the next sentence's claim ('"...", he said' closes it).
    for (let si = 1; si < sentences.length; si++) {
      const prev = bySentence.get(si - 1);
      const s = sentences[si]!;
      if (bySentence.has(si) || !prev || prev.speaker === null) continue;
      if ((inQuotation[s.first] === 1 || QUOTE_WORDS.has(words[s.first]!)) && runsOn(si)) take(si, prev);
    }
    for (let si = sentences.length - 2; si >= 0; si--) {
      const next = bySentence.get(si + 1);
      if (bySentence.has(si) || !next || next.speaker === null) continue;
      if (runsOn(si)) take(si, next);
    }
    return [...found, ...extra].sort((a, b) => a.start - b.start);
  }

  /**
   * A cue starts with a verb, an auxiliary or an adverb ("has said", "publicly argued",
   * "according to"), not a determiner or preposition ("the disputed", "into announcing"); "did not
   * respond to a request for comment" says nothing.
   */
  function wellFormed(cue: RoleSpan, s: Sentence): boolean {
    const first = words[s.first + cue.first]!;
    if (BAD_CUE_START.has(first)) return false;
    for (let i = s.first + cue.first; i < s.first + cue.last; i++) {
      const w = words[i]!;
      if (NO_ANSWER.has(w)) {
        for (let j = Math.max(s.first, s.first + cue.first - 3); j < i; j++) if (NEGATIONS.has(words[j]!)) return false;
      }
    }
    return true;
  }

  function clauseBetween(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (SUBORDINATORS.has(words[i]!)) return true;
    return false;
  }

  /** Someone or something that can speak: an actor, a pronoun, people, a body, a statement, a report. */
  function isAgent(a: Attribution, s: Sentence, si: number): boolean {
    if (!a.source) {
      // No Source: only a reporting verb ("it was reported", "was accused", "expected") or
      // "according to" makes it a claim; "to respond", "maintaining" alone do not.
      let known = false;
      for (let i = a.cue.first; i < a.cue.last; i++) {
        const c = cues[si]?.[i];
        if (c && REPORTING_LEMMAS.has(c.lemma)) known = true;
        if (c?.kind === 'according') return true;
      }
      return known;
    }
    for (let i = s.first + a.source.first; i < s.first + a.source.last; i++) {
      const m = mentionAt.get(i);
      if (m && !m.demonym) return true;
      const w = words[i]!;
      // A capitalised word past the sentence's start is a name the actor tagger may have missed.
      // At the sentence's start, only a capitalised word the lexicon does not know ("PolitiFact").
      if (tokens[i]!.word && CAPITAL.test(tokens[i]!.text) && (i > s.first || posTag(w) === undefined)) return true;
      if (wordClass(w) || AGENT_WORDS.has(w) || PERSON_SUFFIX.test(w)) return true;
    }
    return false;
  }

  /**
   * The speaker a tagged Source names. The head is the phrase's last word before a preposition,
   * a comma or a relative word ("people familiar with the talks" → people); a name at the head is
   * named, people are vague, a body by its common noun is named ("China's commerce ministry"),
   * "the president" is the person last named, pronouns go through claims.ts's resolution.
   */
  function speakerOf(a: Attribution, s: Sentence, si: number): Speaker {
    if (!a.source) {
      // The reader's own cue with no tagged Source: the rules' reading of its speaker, after it
      // ("per X", "in the view of X") or before it.
      const hit = cues[si]?.[a.cue.first];
      if (force[si]?.[a.cue.first] === 1 && hit) {
        const cue = { ...hit, first: s.first + a.cue.first, last: s.first + a.cue.last };
        const sp = hit.kind === 'according'
          ? nounPhraseSpeaker(ctx, words, cue.last, Math.min(s.last, cue.last + 8), mentionAt, mentions, history, si, true)
          : speakerFor(ctx, words, s, cue, si, mentionAt, mentions, history);
        if (sp) return sp;
      }
      return none();
    }
    let first = s.first + a.source.first;
    let last = s.first + a.source.last;
    while (last - 1 > first && !tokens[last - 1]!.word) last--;
    while (first + 1 < last && !tokens[first]!.word) first++;
    const spanStart = tokens[first]!.start;
    const spanEnd = tokens[last - 1]!.end;
    let end = first;
    while (end < last) {
      const w = words[end]!;
      if (end > first && (HEAD_STOPS.has(w) || (!tokens[end]!.word && w !== '-' && w !== '.' && !POSSESSIVE.has(w)))) break;
      end++;
    }
    // Skip possessive tails and dangling words at the end of the head region.
    let h = end - 1;
    while (h > first && (!tokens[h]!.word || POSSESSIVE.has(words[h]!))) h--;
    const head = words[h]!;
    // "Volker and Morrison", "Egypt and Jordan": both, as written.
    for (let i = first + 1; i < h; i++) {
      if (words[i] === 'and' && mentionAt.has(i - 1) && mentionAt.has(h)) {
        return { name: text.slice(tokens[first]!.start, tokens[h]!.end).replace(/^(?:both|the)\s+/i, ''), start: spanStart, end: spanEnd, sourcing: 'named', isPerson: mentionAt.get(h)!.type === 'person' };
      }
    }
    // A person named at the end of the Source ("China's ambassador to Britain Liu Xiaming") is the speaker.
    const lastMention = mentionAt.get(last - 1);
    if (lastMention && lastMention.type === 'person' && !lastMention.demonym && !POSSESSIVE.has(words[last] ?? '')) {
      return { name: lastMention.canonical, start: spanStart, end: spanEnd, sourcing: 'named', isPerson: true };
    }
    // A name the actor tagger cut short or missed at the end ("... Liu Xiaming"): the capitalised run.
    if (tokens[last - 1]!.word && CAPITAL.test(tokens[last - 1]!.text) && last - 1 > s.first) {
      let from = last - 1;
      while (from > first && tokens[from - 1]!.word && CAPITAL.test(tokens[from - 1]!.text) && !TITLE_WORDS.has(words[from - 1]!) && !DETERMINERS.has(words[from - 1]!)) from--;
      let unnamed = from;
      for (let i = from; i < last; i++) {
        const m = mentionAt.get(i);
        if (m && m.type === 'person' && !m.demonym) return { name: text.slice(m.start, tokens[last - 1]!.end), start: spanStart, end: spanEnd, sourcing: 'named', isPerson: true };
        if (m) unnamed = i + 1;
      }
      // "ambassador to Britain Liu Xiaming": two capitalised words after a role, not known to the tagger.
      if (last - unnamed >= 2 && unnamed > first) return { name: text.slice(tokens[unnamed]!.start, tokens[last - 1]!.end), start: spanStart, end: spanEnd, sourcing: 'named', isPerson: true };
    }
    const headMention = mentionAt.get(h);
    const region = { start: spanStart, end: tokens[h]!.end };
    const regionText = text.slice(region.start, region.end);
    if (headMention && !headMention.demonym) {
      return { name: headMention.canonical, start: spanStart, end: spanEnd, sourcing: 'named', isPerson: headMention.type === 'person' };
    }
    const bare = head.replace(/['\u2019](?:ve|ll|m|d|re|s)$/, '');
    const p = POSSESSIVE_PRONOUN[bare] ?? bare;
    // "They said": the last speaker of the previous two sentences who was a group or a body.
    if (p === 'they') {
      for (let k = history.length - 1; k >= 0; k--) {
        const hk = history[k]!;
        if (si - hk.sentence > 2) break;
        if (hk.speaker.name && (hk.speaker.sourcing === 'vague' ? hk.speaker.isPerson : !hk.speaker.isPerson)) return { ...hk.speaker, start: spanStart, end: spanEnd };
      }
    }
    // "the United States, which accuses", "Barkley, who said": the name the relative pronoun follows.
    if ((p === 'which' || p === 'who') && h === first) {
      let k = h - 1;
      if (k >= s.first && words[k] === ',') k--;
      const m = k >= s.first ? mentionAt.get(k) : undefined;
      if (m && !m.demonym) return { name: m.canonical, start: spanStart, end: spanEnd, sourcing: 'named', isPerson: m.type === 'person' };
    }
    if (PRONOUNS.has(p) || p === 'which' || p === 'that') {
      const sp = nounPhraseSpeaker(ctx, words, h, h + 1, mentionAt, mentions, history, si, false);
      if (sp) return sp.start === null ? sp : { ...sp, start: spanStart, end: spanEnd };
      return none();
    }
    let mentionInside: Mention | undefined;
    for (let i = first; i < end; i++) {
      const m = mentionAt.get(i);
      if (m && !m.demonym) {
        mentionInside = m;
        break;
      }
    }
    const span = { start: spanStart, end: spanEnd };
    if (VAGUE_NOUNS.has(head) || (PERSON_NOUNS.has(head) && !TITLE_WORDS.has(head)) || PERSON_NOUNS.has(head.replace(/s$/, '')) && head.endsWith('s')) {
      return { name: regionText, ...span, sourcing: 'vague', isPerson: true };
    }
    if (UNATTRIBUTED_NOUNS.has(head)) return { name: null, ...span, sourcing: 'unattributed', isPerson: false };
    if (STATEMENT_NOUNS.has(head)) {
      const sp = nounPhraseSpeaker(ctx, words, first, last, mentionAt, mentions, history, si, false);
      if (sp) return { ...sp, ...span };
      return { name: null, ...span, sourcing: 'vague', isPerson: false };
    }
    if (INSTITUTION_NOUNS.has(head) || BODY_NOUNS.has(head)) return { name: regionText.replace(/^(?:the|a|an)\s+/i, ''), ...span, sourcing: 'named', isPerson: false };
    // A name the actor tagger missed ("Noem tweeted"): a capitalised head past the sentence start.
    if (tokens[h]!.word && CAPITAL.test(tokens[h]!.text) && (h > s.first || mentionInside)) {
      let from = h;
      while (from > first && tokens[from - 1]!.word && CAPITAL.test(tokens[from - 1]!.text) && !DETERMINERS.has(words[from - 1]!)) from--;
      return { name: text.slice(tokens[from]!.start, tokens[h]!.end), ...span, sourcing: 'named', isPerson: false };
    }
    // "the president", "the Wikileaks founder": a singular title or role with a determiner is the person last named.
    if (TITLE_WORDS.has(head) || ROLE_NOUNS.has(head)) {
      const m = lastPersonBefore(spanStart);
      if (m) return { name: m.canonical, ...span, sourcing: 'named', isPerson: true };
    }
    if (mentionInside) return { name: regionText, ...span, sourcing: 'named', isPerson: false };
    return { name: regionText, ...span, sourcing: 'vague', isPerson: PERSON_SUFFIX.test(head) };
  }

  function lastPersonBefore(at: number): Mention | undefined {
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mentions[mid]!.end <= at) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0 && k >= lo - 60; k--) if (mentions[k]!.type === 'person' && !mentions[k]!.demonym) return mentions[k];
    return undefined;
  }
}

/** Character spans of each role, for the evaluation's span scores. */
export function roleCharSpans(ctx: ArticleContext, sentences: readonly Sentence[], tagged: readonly RoleSpan[][]): { role: ClaimRole; start: number; end: number }[] {
  const out: { role: ClaimRole; start: number; end: number }[] = [];
  sentences.forEach((s, si) => {
    for (const r of tagged[si] ?? []) out.push({ role: r.role, start: ctx.tokens[s.first + r.first]!.start, end: ctx.tokens[s.first + r.last - 1]!.end });
  });
  return out;
}
