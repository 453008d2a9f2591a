/**
 * Policy claims: sentences in which someone asserts, announces, warns, promises, signals or
 * denies something, or takes a position. For each sentence we find a reporting cue, then its
 * speaker: the subject before the verb ("Officials cautioned"), after it ("..., said Smith"),
 * the agent of a passive ("was reported by"), or the noun after "according to". The speaker's
 * head word decides the sourcing: a name (or he/she/it referring back to one) is `named`;
 * officials, analysts, a statement without an author are `vague`; rumours, reports and
 * agentless passives are `unattributed`.
 */
import type { ActorSpan, ArticleContext } from './actors';
import { type CueHit, HEDGE_VERBS, HEDGE_WORDS, VERB_FILLERS, cueAt, isParticiple } from './cues';
import { PERSON_NOUNS } from './lexicon';
import type { ReaderCueTable } from './reader-cues';
import { TITLE_WORDS } from './names';
import type { Sentence } from './sentences';
import type { Token } from './tokens';
import type { Claim, Mention } from './types';

/** People or groups that speak without a name: "officials", "analysts", "a source". */
export const VAGUE_NOUNS = new Set(
  (
    'official officials analyst analysts observer observers expert experts source sources diplomat diplomats critic ' +
    'critics aide aides spokesman spokeswoman spokesperson people residents lawmakers legislators authorities ' +
    'insiders researchers scientists economists witnesses supporters opponents voters democrats republicans ' +
    'leaders policymakers governments officers investigators prosecutors advisers advisors members activists ' +
    'someone some others many most several few person observers commentators pundits strategists stakeholders ' +
    'allies partners capitals agencies groups diplomats negotiators commanders generals ministers'
  ).split(' '),
);
/** Things that carry a statement; the author is named by "from"/"by"/"of" or by context. */
export const STATEMENT_NOUNS = new Set(
  'statement statements briefing message remarks remark announcement communique communiqué release letter memo readout note document declaration post tweet speech address interview'.split(' '),
);
/** No one at all stands behind these. */
export const UNATTRIBUTED_NOUNS = new Set('rumor rumors rumour rumours reports report speculation word gossip claims accounts media leaks'.split(' '));
/** Bodies referred to by a common noun: "the administration underscores" names an institution. */
export const INSTITUTION_NOUNS = new Set(
  'administration government ministry department campaign company committee police military army navy cabinet council court agency commission parliament congress senate embassy kremlin presidency party firm bank union board'.split(' '),
);
export const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'who', 'you']);
const DETERMINERS = new Set('the a an this that these those his her its their our my your some many several two three four both other another such any each every most few'.split(' '));
const BOUNDARY_WORDS = new Set('that and but while as because although though yet when after before if since whereas so which where'.split(' '));
const PREPOSITIONS = new Set('in on at for from to by with of about over under after before during amid among since without into through across against ahead'.split(' '));
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", '’s']);
const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would']);
const QUOTES = new Set(['"', '\u201c', '\u201d', '\u00ab', '\u00bb', "'", '\u2018', '\u2019', '`']);
/** Verbs that are cues only when a clause or quote follows ("added that", not "added a layer"). */
const NEEDS_COMPLEMENT = new Set(['add', 'maintain', 'state', 'express', 'repeat', 'charge', 'welcome', 'reject', 'dismiss', 'assess', 'outline', 'highlight', 'continue']);
const COMPLEMENT_STARTS = new Set(['that', ',', ':', '"', '\u201c', '\u201d', 'to', 'it', 'he', 'she', 'they', 'we', 'what', 'how', 'whether', 'why', 'if']);

export interface Speaker {
  name: string | null;
  start: number | null;
  end: number | null;
  sourcing: Claim['sourcing'];
  isPerson: boolean;
  /** The name comes from context (a statement's last speaker), not from the sentence itself. */
  inferred?: boolean;
  /** I, we or you: a voice inside a quotation. */
  firstPerson?: boolean;
}

interface Found {
  cue: CueHit;
  speaker: Speaker;
}

/** Token index → the mention covering it (`mentions` are in the order of the spans sorted by start). */
export function mentionByToken(spans: readonly ActorSpan[], mentions: readonly Mention[]): Map<number, Mention> {
  const mentionAt = new Map<number, Mention>();
  const sortedSpans = [...spans].sort((a, b) => a.first - b.first);
  sortedSpans.forEach((s, k) => {
    const m = mentions[k];
    if (m) for (let i = s.first; i < s.last; i++) mentionAt.set(i, m);
  });
  return mentionAt;
}

export function findClaims(
  ctx: ArticleContext,
  sentences: readonly Sentence[],
  spans: readonly ActorSpan[],
  mentions: readonly Mention[],
  cues?: ReaderCueTable,
): Claim[] {
  const { tokens, text } = ctx;
  const words = tokens.map((t) => t.text.toLowerCase());
  const mentionAt = mentionByToken(spans, mentions);
  const history: { speaker: Speaker; sentence: number }[] = [];
  const claims: Claim[] = [];

  sentences.forEach((s, si) => {
    // Several attributions can share a sentence ("X said ..., while Y argued ..."): after the
    // first, look on from its cue, keeping only those whose speaker stands in the sentence itself.
    const found: Found[] = [];
    let from = s.first;
    while (from < s.last) {
      const f = findInSentence(ctx, words, { ...s, first: from }, si, mentionAt, mentions, history, cues);
      if (!f) break;
      // The same speaker going on ("..., and it notes that") stays one claim.
      const sameSpeaker = found.length > 0 && f.speaker.name !== null && f.speaker.name === found[found.length - 1]!.speaker.name;
      if (found.length === 0 || (!sameSpeaker && isSecondAttribution(f, from, tokens, words))) {
        found.push(f);
        // Known at once, so "it" later in the sentence can refer back to this speaker. Only the
        // last few sentences are ever consulted, so older entries are dropped.
        if (f.speaker.name) history.push({ speaker: f.speaker, sentence: si });
        while (history.length > 0 && si - history[0]!.sentence > 3) history.shift();
      }
      from = f.cue.last;
    }
    const hedged = isHedged(words, s);
    found.forEach(({ cue, speaker }, k) => {
      let cueFirst = cue.first;
      while (cueFirst > s.first && AUXILIARIES.has(words[cueFirst - 1]!)) cueFirst--;
      const cueStart = tokens[cueFirst]!.start;
      // The claim is its part of the sentence: from where its speaker or cue starts to where the next one's starts.
      const begin = (f: Found) => Math.min(f.speaker.start ?? Infinity, tokens[f.cue.first]!.start);
      const start = k === 0 ? s.start : begin(found[k]!);
      const nextFound = found[k + 1];
      const end = nextFound ? text.slice(0, begin(nextFound)).replace(/[\s,;:\u2014\u2013-]+$/, '').length : s.end;
      claims.push({
        start,
        end: Math.max(end, start),
        text: text.slice(start, Math.max(end, start)),
        speaker: speaker.name,
        speakerStart: speaker.start,
        speakerEnd: speaker.end,
        cue: text.slice(cueStart, tokens[cue.last - 1]!.end),
        cueStart,
        cueEnd: tokens[cue.last - 1]!.end,
        sourcing: speaker.sourcing,
        hedged,
      });
    });
  });
  return claims;
}

export function isHedged(words: readonly string[], s: Sentence): boolean {
  for (let i = s.first; i < s.last; i++) {
    const w = words[i]!;
    if (HEDGE_WORDS.has(w)) return true;
    if (HEDGE_VERBS.has(w) && words[i + 1] === 'to') return true;
    if ((w === 'may' || w === 'might') && words[i + 1] !== 'be' ) return true;
  }
  return false;
}

function findInSentence(
  ctx: ArticleContext,
  words: readonly string[],
  s: Sentence,
  si: number,
  mentionAt: Map<number, Mention>,
  mentions: readonly Mention[],
  history: { speaker: Speaker; sentence: number }[],
  cues: ReaderCueTable | undefined,
): Found | null {
  let stanceFallback: Found | null = null;
  // A question asserts nothing ("What did the prosecutors say?"), unless it is quoted and
  // attributed ('"Why now?" she asked.').
  if (words[s.last - 1] === '?' && !words.slice(s.first, s.last).some((w) => QUOTES.has(w))) return null;
  for (let i = s.first; i < s.last; i++) {
    // 'Clinton told the crowd: “We have to be ready.”' — a colon opening a quotation is the cue
    // when no verb of saying came first.
    if (words[i] === ':' && (words[i + 1] === '\u201c' || words[i + 1] === '"') && i > s.first && !insideQuotation(ctx.text, ctx.tokens[i]!.start)) {
      const cue: CueHit = { kind: 'say', lemma: ':', first: i, last: i + 1 };
      const speaker = speakerFor(ctx, words, s, cue, si, mentionAt, mentions, history);
      if (speaker && (speaker.sourcing === 'named' || speaker.isPerson)) return { cue, speaker };
      continue;
    }
    if (!ctx.tokens[i]!.word || mentionAt.has(i)) continue;
    const cue = cueAt(words, i, cues);
    if (!cue || cue.last > s.last) continue;
    const next = words[cue.last];
    const prevTok = words[cue.first - 1];
    if (cue.kind !== 'according' && !isVerbPosition(ctx.tokens, words, s, cue)) continue;
    // A verb of saying inside a quotation is part of the quoted words ("“I told them no,” she
    // said"): the quotation as a whole is the claim of whoever is quoted, found outside it.
    if (insideQuotation(ctx.text, ctx.tokens[cue.first]!.start)) continue;
    // "added that", '..., he added.', '"...," added Smith' — but not "added another layer".
    const clauseEnd = next === undefined || next === '.' || next === ',' || next === '!' || next === '?';
    const afterQuote = hasQuoteBefore(words, s.first, cue.first);
    if (NEEDS_COMPLEMENT.has(cue.lemma) && !(next !== undefined && COMPLEMENT_STARTS.has(next)) && !clauseEnd && !afterQuote && !(prevTok && (prevTok === ',' || QUOTES.has(prevTok)))) continue;
    if (cue.lemma === 'call' && (BE.has(prevTok ?? '') || prevTok === 'so')) continue;
    if (cue.lemma === 'continue' && !afterQuote) continue;
    if (cue.kind === 'according') {
      const speaker = nounPhraseSpeaker(ctx, words, cue.last, Math.min(s.last, cue.last + 8), mentionAt, mentions, history, si, true);
      return { cue, speaker: speaker ?? none() };
    }
    const speaker = speakerFor(ctx, words, s, cue, si, mentionAt, mentions, history);
    // "I think", "we believe", "you know": the speaker is inside a quotation, whose own
    // attribution (the quoted person) is what the reader needs.
    if (speaker?.firstPerson && (BELIEF_LEMMAS.has(cue.lemma) || words[cue.first - 1] === 'you' || insideQuotation(ctx.text, ctx.tokens[cue.first]!.start))) {
      i = cue.last - 1;
      continue;
    }
    if (cue.kind === 'say') {
      const f = { cue, speaker: speaker ?? none() };
      // "The message conveys that ..., yet the United States will continue to advocate ...":
      // a speaker named in the sentence beats one inferred from context.
      // Likewise when this cue has no subject at all ("Talking about it, he said").
      if (f.speaker.inferred || speaker === null) {
        const later = findInSentence(ctx, words, { ...s, first: cue.last }, si, mentionAt, mentions, history, cues);
        if (later && !later.speaker.inferred && (later.speaker.sourcing === 'named' || (speaker === null && later.speaker.isPerson))) return later;
      }
      return f;
    }
    // Stance verbs ("is weighing", "plans to") are claims only with a named subject.
    if (speaker && speaker.sourcing === 'named' && !stanceFallback) stanceFallback = { cue, speaker };
    i = cue.last - 1;
  }
  return stanceFallback;
}

/** Verbs of opinion: "I think" inside a quotation is the quoted person's view, already attributed. */
const BELIEF_LEMMAS = new Set(['think', 'know', 'believe', 'feel', 'find', 'learn', 'suppose', 'guess', 'hope', 'want', 'wants', 'mean', 'see', 'sees', 'understand', 'agree', 'worry', 'expect', 'fear', 'wonder', 'seem', 'figure', 'reckon', 'assume']);
const PARTICIPLE_ADJ = /(?:ed|wn|en|ld|ought|aid)$/;
const ING_NOUNS = new Set(['reporting', 'briefing', 'meeting', 'hearing', 'reading', 'finding', 'findings', 'standing', 'understanding', 'feeling', 'thinking', 'seeing', 'knowing', 'warning', 'offering', 'posting', 'ruling', 'saying', 'backing', 'supporting', 'opposing']);
const CONTINUE_TO = new Set(['continue', 'continues', 'continued', 'appear', 'appears', 'appeared', 'seem', 'seems', 'seemed', 'want', 'wants', 'wanted', 'going', 'plan', 'plans', 'planned', 'intend', 'intends', 'intended', 'refused', 'declined', 'tried', 'sought', 'vowed', 'pledged', 'promised', 'expected', 'likely', 'set', 'moved', 'used', 'began', 'begin', 'begins', 'decided', 'chose', 'ready', 'willing']);

/**
 * Many cue words are also nouns ("remarks", "reports", "a briefing") or infinitives ("to respond").
 * A cue is a verb here only where a verb can stand: not after a determiner or preposition, not as
 * the sentence's first word, an -ing form only after an auxiliary or a comma.
 */
function isVerbPosition(tokens: readonly Token[], words: readonly string[], s: Sentence, cue: CueHit): boolean {
  let p = cue.first - 1;
  while (p >= s.first && !tokens[p]!.word && !QUOTES.has(words[p]!) && words[p] !== ',') p--;
  // A sentence may open with a participle: "Asked whether ...", "Speaking to reporters, ...".
  if (p < s.first) return /^(?:asked|speaking|writing|responding|pressed|told|said|says)$/.test(words[cue.first]!);
  const prev = words[p]!;
  if (DETERMINERS.has(prev) && prev !== 'that' || PREPOSITIONS.has(prev) && prev !== 'to' && prev !== 'by') return false;
  if (prev === "'s" || prev === '’s' || prev === 'different' || prev === 'related') return false;
  if (prev === 'to' && !CONTINUE_TO.has(words[p - 1] ?? '')) return false;
  const w = words[cue.first]!;
  // "300 pledged delegates": a participle after a number is an adjective.
  if (/^\p{N}/u.test(prev) && w.endsWith('ed')) return false;
  const next = words[cue.last];
  if ((w === 'thanks' && next === 'to') || (w === 'known' && next === 'as') || next === 'up') return false;
  // "the questions asked in this debate": a participle right after a common noun, followed by a
  // preposition, is a reduced relative clause ("reported by X" is kept: it names a source).
  if (PARTICIPLE_ADJ.test(w) && next !== undefined && PREPOSITIONS.has(next) && next !== 'by' && next !== 'to' && /^\p{Ll}/u.test(tokens[p]!.text) && !PRONOUNS.has(prev) && !VERB_FILLERS.has(prev) && !BE.has(prev)) return false;
  // "-ing" forms are verbs after a comma, an auxiliary or a noun ("a statement saying"), but
  // these are usually nouns themselves.
  if (w.endsWith('ing')) return !ING_NOUNS.has(w) || prev === ',' || VERB_FILLERS.has(prev) || BE.has(prev);
  return true;
}

const LEADING_JOINS = new Set(['and', 'but', 'so', 'or', 'then', 'yet', 'also', 'still', 'now', 'when', 'as', 'because']);
const CLAUSE_JOINS = new Set([';', 'while', 'but', 'whereas', 'yet', '"', '\u201c', '\u201d']);

/**
 * A later cue in a sentence is its own attribution only when its speaker is explicit (a name,
 * a pronoun, people) and a clause boundary ("; ", ", while", ", but", a quotation mark) separates
 * it from the previous cue — otherwise it is part of what the first speaker said.
 */
function isSecondAttribution(f: Found, from: number, tokens: readonly Token[], words: readonly string[]): boolean {
  const sp = f.speaker;
  if (f.cue.kind === 'according' && sp.start !== null) return true; // '..., Sanders said, according to CNN'
  if (f.cue.kind === 'stance' || sp.start === null || sp.inferred) return false;
  if (!(sp.sourcing === 'named' || (sp.sourcing === 'vague' && sp.isPerson))) return false;
  if (sp.start < tokens[from]!.start) return false;
  for (let i = from; i < f.cue.first && tokens[i]!.start < sp.start; i++) {
    const w = words[i]!;
    if (CLAUSE_JOINS.has(w) || (w === 'and' && words[i - 1] === ',')) return true;
  }
  return false;
}

/**
 * Is this offset inside a quotation that opened earlier in its paragraph? Curly quotes are
 * counted as opening and closing; straight double quotes by parity.
 */
export function insideQuotation(text: string, at: number): boolean {
  // Look back at most 3,000 characters (a long paragraph), so the cost stays linear in the text.
  let from = at;
  while (from > 0 && at - from < 3000 && text.charCodeAt(from - 1) !== 0x0a) from--;
  let open = 0;
  let straight = 0;
  for (let i = from; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c) open++;
    else if (c === 0x201d) open = Math.max(0, open - 1);
    else if (c === 0x22) straight++;
  }
  return open > 0 || straight % 2 === 1;
}

function hasQuoteBefore(words: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (words[i] === '"' || words[i] === '\u201d' || words[i] === "'" || words[i] === '\u2019') return true;
  return false;
}

export function none(): Speaker {
  return { name: null, start: null, end: null, sourcing: 'unattributed', isPerson: false };
}

export function speakerFor(
  ctx: ArticleContext,
  words: readonly string[],
  s: Sentence,
  cue: CueHit,
  si: number,
  mentionAt: Map<number, Mention>,
  mentions: readonly Mention[],
  history: { speaker: Speaker; sentence: number }[],
): Speaker | null {
  // Walk left over auxiliaries and adverbs: "has also repeatedly said".
  let k = cue.first - 1;
  let passive = false;
  while (k >= s.first && (VERB_FILLERS.has(words[k]!) || (/^\p{Ll}+ly$/u.test(ctx.tokens[k]!.text) && k > s.first))) {
    if (BE.has(words[k]!)) passive = true;
    k--;
  }
  const cueWord = words[cue.first]!;
  // "a move viewed by observers as ...": a participle with its agent right after it.
  if (!passive && isParticiple(cueWord) && words[cue.last] === 'by' && cue.first > s.first && !ctx.tokens[cue.first - 1]!.text.match(/^[,;:]$/)) {
    const agent = nounPhraseSpeaker(ctx, words, cue.last + 1, Math.min(s.last, cue.last + 9), mentionAt, mentions, history, si, true);
    if (agent) return agent;
  }
  if (passive && isParticiple(cueWord) && !cueWord.endsWith('ing')) {
    // "was reported by X" names X; "it is said that", "are urged to" name nobody.
    for (let j = cue.last; j < Math.min(s.last, cue.last + 4); j++) {
      if (words[j] === 'by') return nounPhraseSpeaker(ctx, words, j + 1, Math.min(s.last, j + 9), mentionAt, mentions, history, si, true) ?? none();
    }
    return none();
  }
  // "Barkley, who said" / "the law, which requires": the relative pronoun is the source span,
  // its antecedent the speaker.
  if (k >= s.first && (words[k] === 'who' || words[k] === 'which')) {
    const rel = ctx.tokens[k]!;
    const m = mentionAt.get(k - 1) ?? mentionAt.get(k - 2);
    if (m && !m.demonym) return { ...named(m), start: rel.start, end: rel.end };
    return { name: null, start: rel.start, end: rel.end, sourcing: 'vague', isPerson: words[k] === 'who' };
  }
  // Inverted: '..., said Smith.' / '"...," says the spokesman.' (not '..., telling Reuters').
  const before = words[cue.first - 1];
  // '"...," said Smith' — or a sentence opening with the verb: 'Said Dorothy Poynter, "..."'.
  const afterQuotation = (before !== undefined && (QUOTES.has(before) || (before === ',' && QUOTES.has(words[cue.first - 2] ?? '')))) || cue.first === s.first;
  if (afterQuotation && cue.last < s.last && !cueWord.endsWith('ing')) {
    const after = nounPhraseSpeaker(ctx, words, cue.last, Math.min(s.last, cue.last + 8), mentionAt, mentions, history, si, true);
    // Only a speaker-like phrase that ends the clause: "..., said Smith." but not
    // "..., stresses cautious optimism" or "..., says Cruz will win".
    const afterEnd = after?.end ?? 0;
    const nextTok = ctx.tokens.find((t, idx) => idx >= cue.last && t.start >= afterEnd);
    const closes = !nextTok || nextTok.start >= s.end || !nextTok.word || PREPOSITIONS.has(nextTok.text.toLowerCase()) || nextTok.text.toLowerCase() === 'and';
    if (after && closes && (after.sourcing === 'named' || after.isPerson)) return after;
  }
  // "Having announced that ..., Judge Berman proceeded", "Asked whether ..., Clinton said":
  // a sentence-initial participle takes the subject of the clause after its comma.
  if (k < s.first || (k === s.first && (words[k] === 'having' || words[k] === 'when' || words[k] === 'after'))) {
    let comma = cue.last;
    while (comma < s.last && words[comma] !== ',') comma++;
    if (comma + 1 < s.last) {
      let end = comma + 1;
      while (end < s.last && end - comma < 8 && (mentionAt.has(end) || !/^\p{Ll}/u.test(ctx.tokens[end]!.text) || DETERMINERS.has(words[end]!) || PRONOUNS.has(words[end]!) || QUANTITY_WORDS.has(words[end]!))) end++;
      const sp = nounPhraseSpeaker(ctx, words, comma + 1, Math.max(end, comma + 2), mentionAt, mentions, history, si, false);
      if (sp && (sp.sourcing === 'named' || sp.isPerson)) return sp;
    }
    return null;
  }
  // "She greeted supporters and told them ...": a verb coordinated with an earlier one shares
  // the sentence's subject; so does a participle after its object ("sent a letter stating").
  const participleAfterObject = cueWord.endsWith('ing') && !VERB_FILLERS.has(words[k]!) && !BE.has(words[k]!) && words[k] !== ',' && !mentionAt.has(k) && !PRONOUNS.has(words[k]!);
  if (words[k] === 'and' || words[k] === 'then' || participleAfterObject) {
    const main = mainSubject(ctx, words, s, k, mentionAt, mentions, history, si);
    if (main) return main;
  }
  // "Dean Johnson, a 55-year-old salesman from Sumter, says": a comma right before the verb
  // closes an appositive, and the subject is the phrase that opened it.
  const appositive = words[k] === ',';
  // The subject region: from the last clause boundary up to the verb.
  let rs = k;
  while (rs > s.first) {
    const w = words[rs - 1]!;
    if (w === ';' || w === ':' || QUOTES.has(w) || w === '(' || w === ')') break;
    if (BOUNDARY_WORDS.has(w) && !mentionAt.has(rs - 1) && !appositive) break;
    if ((w === 'who' || w === 'which') && !appositive) break;
    rs--;
  }
  // Segments between commas; drop adverbials ("In August", "Earlier") and appositives.
  const segments: [number, number][] = [];
  let segStart = rs;
  for (let j = rs; j <= k; j++) {
    if (words[j] === ',' || j === k) {
      const end = words[j] === ',' ? j : j + 1;
      if (end > segStart) segments.push([segStart, end]);
      segStart = j + 1;
    }
  }
  const kept: [number, number][] = [];
  for (const [idx, [a, b]] of segments.entries()) {
    const w = words[a]!;
    const last = idx === segments.length - 1 && !appositive;
    if (PREPOSITIONS.has(w) && !mentionAt.has(a) && !isQuantity(words, a)) continue;
    if (b - a === 1 && (/ly$/.test(w) || ['earlier', 'later', 'meanwhile', 'however', 'separately', 'instead', 'still', 'now', 'then', 'also', 'yesterday', 'today'].includes(w))) continue;
    // Time adverbials: "Nine months ago", "Last week", "This year".
    if (['ago', 'later', 'earlier'].includes(words[b - 1]!) || ((w === 'last' || w === 'this' || w === 'next') && b - a <= 3)) continue;
    // Participial openers: "Talking about how he was feeling, he said".
    if (w.endsWith('ing') && /^\p{Lu}/u.test(ctx.tokens[a]!.text) && !mentionAt.has(a)) continue;
    // An appositive after a subject: "Jake Sullivan, the National Security Adviser, said".
    // The phrase right before the verb, with no comma between, is the subject itself.
    if (kept.length > 0 && !last && (w === 'the' || w === 'a' || w === 'an' || w === 'who')) continue;
    kept.push([a, b]);
  }
  // After an appositive, the subject is the phrase that opened it — the one naming a person if any
  // ("the head of the Super PAC, Mike Murphy, praised").
  const isName = ([a, b]: [number, number]) => {
    for (let j = a; j < b; j++) if (mentionAt.get(j)?.type !== 'person' && !(j === a && DETERMINERS.has(words[j]!))) return false;
    return true;
  };
  const personSeg = appositive ? kept.find(isName) : undefined;
  const seg = appositive ? (personSeg ?? kept[0]) : kept[kept.length - 1];
  if (!seg) return null;
  return nounPhraseSpeaker(ctx, words, seg[0], seg[1], mentionAt, mentions, history, si, false);
}

const QUANTITY_WORDS = new Set(['about', 'nearly', 'almost', 'roughly', 'around', 'over', 'under', 'more', 'fewer', 'less', 'than', 'percent', 'per', 'cent', 'half', 'third', 'quarter', 'majority', 'minority', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']);

/** The subject of the sentence's first clause: its first phrase that is not an adverbial. */
function mainSubject(
  ctx: ArticleContext,
  words: readonly string[],
  s: Sentence,
  k: number,
  mentionAt: Map<number, Mention>,
  mentions: readonly Mention[],
  history: { speaker: Speaker; sentence: number }[],
  si: number,
): Speaker | null {
  let a = s.first;
  for (let j = s.first; j < k; j++) {
    if (words[j] !== ',') continue;
    const w = words[a]!;
    const adverbial = (PREPOSITIONS.has(w) && !mentionAt.has(a)) || (j - a === 1 && /ly$/.test(w)) || /^\p{N}/u.test(w) || ['later', 'earlier', 'ago'].includes(words[j - 1]!);
    if (!adverbial) break;
    a = j + 1;
  }
  let b = a;
  while (b < k && words[b] !== ',') b++;
  if (b <= a) return null;
  const sp = nounPhraseSpeaker(ctx, words, a, b, mentionAt, mentions, history, si, false, true);
  return sp && (sp.sourcing === 'named' || sp.isPerson) ? sp : null;
}

/** "four in 10", "percent of", "half of": a preposition inside a quantity, not after the head. */
function isQuantity(words: readonly string[], j: number): boolean {
  const w = words[j]!;
  const prev = words[j - 1] ?? '';
  if ((w === 'in' || w === 'out') && /^\p{N}|^(?:one|two|three|four|five|six|seven|eight|nine|ten)$/u.test(prev)) return true;
  if (w === 'of' && (QUANTITY_WORDS.has(prev) || /^\p{N}/u.test(prev) || /%$/.test(prev))) return true;
  return w === 'about' && /^\p{N}|^(?:one|two|three|four|five|six|seven|eight|nine|ten|half|a)$/u.test(words[j + 1] ?? '');
}

function named(m: Mention): Speaker {
  return { name: m.canonical, start: m.start, end: m.end, sourcing: 'named', isPerson: m.type === 'person' };
}

/**
 * Reads the noun phrase in [a, b) as a speaker. `forward` phrases (after "according to", "by",
 * an inverted verb) stop at the first punctuation.
 */
export function nounPhraseSpeaker(
  ctx: ArticleContext,
  words: readonly string[],
  a: number,
  b: number,
  mentionAt: Map<number, Mention>,
  mentions: readonly Mention[],
  history: { speaker: Speaker; sentence: number }[],
  si: number,
  forward: boolean,
  trim = false,
): Speaker | null {
  const { tokens, text } = ctx;
  let end = b;
  if (forward) {
    for (let j = a; j < b; j++) if (!tokens[j]!.word && !mentionAt.has(j)) { end = j; break; }
  }
  if (end <= a) return null;
  // The speaker phrase runs from its head to the end of the subject. When the range may hold the
  // verb too (`trim`, a whole clause), it runs through prepositional phrases ("Officials in
  // Washington") and stops at the first other word ("Officials sent a letter").
  const phrase = (from: number, to: number) => {
    let last = trim ? from + 1 : to;
    while (last < to) {
      const w = words[last]!;
      const prev = words[last - 1]!;
      const ok = mentionAt.has(last) || PREPOSITIONS.has(w) || DETERMINERS.has(w) || /^\p{Lu}/u.test(tokens[last]!.text) || /^\p{N}/u.test(w) ||
        ((PREPOSITIONS.has(prev) || DETERMINERS.has(prev) || prev === "'s" || prev === '\u2019s') && tokens[last]!.word) || w === "'s" || w === '\u2019s' || w === '-';
      if (!ok) break;
      last++;
    }
    // Do not end on a dangling preposition or determiner.
    while (last > from + 1 && (PREPOSITIONS.has(words[last - 1]!) || DETERMINERS.has(words[last - 1]!))) last--;
    return { start: tokens[from]!.start, end: tokens[last - 1]!.end, text: text.slice(tokens[from]!.start, tokens[last - 1]!.end) };
  };
  // Names before any preposition ("Washington" in "Officials in Washington" is where, not who).
  // A person wins ("BBC's North America editor Jon Sopel", "President Barack Obama"); a name
  // followed by "'s" only modifies the head ("Trump's campaign manager").
  const names: Mention[] = [];
  for (let j = a; j < end; j++) {
    const m = mentionAt.get(j);
    if (m) {
      let after = j + 1;
      while (mentionAt.get(after) === m) after++;
      const possessive = words[after] === "'s" || words[after] === '\u2019s' || words[after] === "'" || words[after] === '\u2019';
      if (!m.demonym && !possessive && !names.includes(m)) names.push(m);
      j = after - 1;
      continue;
    }
    if ((PREPOSITIONS.has(words[j]!) && !isQuantity(words, j)) || words[j] === ',' || PRONOUNS.has(words[j]!)) break;
  }
  const head = names.find((m) => m.type === 'person') ?? names[0];
  // "South Carolina Republican primary voters", "the Obama administration": a name followed by
  // a lowercase noun only modifies it; the noun is the head.
  const headEnd = head ? text.slice(head.end, tokens[end - 1]!.end) : '';
  const tail = /^\s*(?:[\p{Lu}][\p{L}.-]*\s+)*(\p{Ll}[\p{L}-]*)\s*$/u.exec(headEnd)?.[1] ?? '';
  const modifies = tail !== '' && (VAGUE_NOUNS.has(tail) || INSTITUTION_NOUNS.has(tail) || PERSON_NOUNS.has(tail.replace(/s$/, '')));
  if (head && !modifies) return named(head);
  // "Six in 10 say", "55 percent said", "a third said": a share of people (of a poll).
  let onlyQuantity = true;
  for (let j = a; j < end && onlyQuantity; j++) {
    const w = words[j]!;
    if (!(QUANTITY_WORDS.has(w) || /^\p{N}/u.test(w) || isQuantity(words, j) || w === 'a' || w === '%' || w === 'nearly' || w === 'just')) onlyQuantity = false;
  }
  if (onlyQuantity) {
    const p = phrase(a, end);
    return { name: p.text, start: p.start, end: p.end, sourcing: 'vague', isPerson: true };
  }
  for (let j = a; j < end; j++) {
    const m = mentionAt.get(j);
    if (m) continue;
    // Titles and capitalised modifiers before a head noun: "Mr.", "Senior Adviser".
    if (tokens[j]!.word && /^\p{Lu}/u.test(tokens[j]!.text) && TITLE_WORDS.has(words[j]!) && j + 1 < end) continue;
    // "I’ve", "we’ll", "he’d": the pronoun decides.
    const w = words[j]!.replace(/['\u2019](?:ve|ll|m|d|re|s)$/, '');
    if (PRONOUNS.has(w)) return pronounSpeaker(w, tokens[j]!, mentions, history, si);
    if (DETERMINERS.has(w) || /^\p{N}/u.test(w) || !tokens[j]!.word || LEADING_JOINS.has(w) || isQuantity(words, j) || QUANTITY_WORDS.has(w)) continue;
    if (PREPOSITIONS.has(w)) return null;
    const p = phrase(j, end);
    if (UNATTRIBUTED_NOUNS.has(w) && !(w === 'report' && j > a && words[j - 1] === 'the')) return none();
    if (STATEMENT_NOUNS.has(w)) {
      // "The briefing from Jake Sullivan" → Jake Sullivan; "The statement" → whoever spoke last.
      for (let x = j + 1; x < end; x++) {
        const m2 = mentionAt.get(x);
        if (m2 && ['from', 'by', 'of'].includes(words[x - 1] ?? '')) return named(m2);
      }
      const last = [...history].reverse().find((h) => si - h.sentence <= 2 && h.speaker.sourcing === 'named');
      return { name: last ? last.speaker.name : null, start: p.start, end: p.end, sourcing: 'vague', isPerson: false, inferred: true };
    }
    if (INSTITUTION_NOUNS.has(w)) {
      // "the Obama administration" keeps its name; "the administration" is the noun alone.
      const from = head && head.start < tokens[j]!.start ? head.start : tokens[j]!.start;
      return { name: text.slice(from, tokens[j]!.end), start: from, end: tokens[j]!.end, sourcing: 'named', isPerson: false };
    }
    if (VAGUE_NOUNS.has(w) || PERSON_NOUNS.has(w) || PERSON_NOUNS.has(w.replace(/s$/, ''))) {
      return { name: p.text, start: p.start, end: p.end, sourcing: 'vague', isPerson: true };
    }
    // Adjectives before the head ("senior", "Western") are skipped; any other noun heads a vague source.
    if (/(?:al|ive|ic|ous|ern|ish|ese|ian|ior|ed)$/.test(w) && j + 1 < end) continue;
    return { name: p.text, start: p.start, end: p.end, sourcing: 'vague', isPerson: false };
  }
  return null;
}

function pronounSpeaker(
  w: string,
  tok: Token,
  mentions: readonly Mention[],
  history: { speaker: Speaker; sentence: number }[],
  si: number,
): Speaker {
  const span = { start: tok.start, end: tok.end };
  const recent = [...history].reverse().filter((h) => si - h.sentence <= 2);
  // Mentions before the pronoun, nearest last; found by binary search so long texts stay linear.
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.end <= tok.start) lo = mid + 1;
    else hi = mid;
  }
  const before = mentions.slice(Math.max(0, lo - 200), lo).filter((m) => !m.demonym);
  if (w === 'he' || w === 'she') {
    const fromClaims = recent.find((h) => h.speaker.isPerson && h.speaker.sourcing === 'named');
    if (fromClaims) return { ...fromClaims.speaker, ...span };
    const m = [...before].reverse().find((x) => x.type === 'person');
    if (m) return { name: m.canonical, ...span, sourcing: 'named', isPerson: true };
    return { name: null, ...span, sourcing: 'vague', isPerson: true };
  }
  if (w === 'it' || w === 'they') {
    const fromClaims = recent.find((h) => !h.speaker.isPerson && h.speaker.name);
    if (fromClaims) return { ...fromClaims.speaker, ...span };
    const m = [...before].reverse().find((x) => x.type !== 'person' && tok.start - x.end < 400);
    if (m) return { name: m.canonical, ...span, sourcing: 'named', isPerson: false };
    return w === 'it' ? { name: null, start: null, end: null, sourcing: 'unattributed', isPerson: false } : { name: null, ...span, sourcing: 'vague', isPerson: true };
  }
  if (w === 'who') {
    const m = [...before].reverse()[0];
    if (m && tok.start - m.end < 4) return { ...named(m), ...span };
  }
  return { name: null, ...span, sourcing: 'vague', isPerson: true, firstPerson: w === 'i' || w === 'we' || w === 'you' };
}
