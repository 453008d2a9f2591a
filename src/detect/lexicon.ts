/**
 * Word knowledge borrowed from compromise's lexicon (first and last names, cities, regions,
 * countries, organisations, sports teams, person nouns, months...) without running its tagging
 * pipeline, which costs 40–70 ms per 1,000 words. Built once at module load. Only compromise's
 * first two layers are imported (tokenizer and tagger model): the third adds phrase-level
 * methods we do not use and would only grow the service worker bundle.
 */
import nlp from 'compromise/two';

export type LexClass = 'first' | 'last' | 'person' | 'place' | 'org' | 'team' | 'month' | 'weekday' | 'demonym' | 'common';

const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;

const NAME_TAGS: Record<string, LexClass> = {
  MaleName: 'first', FemaleName: 'first', FirstName: 'first', LastName: 'last', Person: 'person',
  City: 'place', Country: 'place', Region: 'place', Place: 'place',
  Organization: 'org', SportsTeam: 'team', Month: 'month', WeekDay: 'weekday', Demonym: 'demonym',
};

/** Every class compromise gives a lowercase word or phrase; empty when unknown. */
const classes = new Map<string, LexClass[]>();
/** Nouns for kinds of people ("analyst", "official"): subjects of vague attributions. */
export const PERSON_NOUNS = new Set<string>();
/** compromise's first tag for a word ("PastTense", "Plural", "Preposition"): a part of speech without its pipeline. */
const firstTag = new Map<string, string>();

for (const [word, raw] of Object.entries(lexicon)) {
  const tags = Array.isArray(raw) ? raw : [raw];
  if (tags[0] && !word.includes(' ')) firstTag.set(word, tags[0]);
  const found: LexClass[] = [];
  for (const tag of tags) {
    const cls = NAME_TAGS[tag];
    if (cls && !found.includes(cls)) found.push(cls);
    if (tag === 'Actor') PERSON_NOUNS.add(word);
  }
  if (found.length === 0 && !tags.includes('ProperNoun') && !tags.includes('Honorific')) found.push('common');
  classes.set(word, found);
}

export function lexClasses(lower: string): readonly LexClass[] {
  return classes.get(lower) ?? [];
}

/** compromise's lexicon tag for a lower-case word (its part of speech, roughly); undefined when unknown. */
export function posTag(lower: string): string | undefined {
  return firstTag.get(lower);
}

export function hasClass(lower: string, cls: LexClass): boolean {
  return classes.get(lower)?.includes(cls) ?? false;
}

/** True for words compromise only knows as ordinary vocabulary (verbs, adjectives, ...). */
export function isCommonWord(lower: string): boolean {
  const c = classes.get(lower);
  return c !== undefined && c.length === 1 && c[0] === 'common';
}

/** Closed-class words: never part of a name even when capitalised at a sentence start. */
export const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those he she it they we i you me him her us them his its their our your my ' +
    'who whom whose which what when where why how there here in on at by for from to of with without into onto ' +
    'about above after before behind below beneath beside between beyond during except inside near off over ' +
    'since through throughout toward towards under until upon within and but or nor so yet if then than ' +
    'because although though while whereas unless as also not no yes all any each every some many much more ' +
    'most few several both either neither one other such only just even still already again ever never ' +
    'is are was were be been being am do does did has have had will would shall should can could may might ' +
    'must meanwhile however moreover furthermore nevertheless instead indeed perhaps earlier later now today ' +
    'yesterday tomorrow once thus therefore hence besides despite amid among amongst against along across ' +
    'around per via like unlike whether whatever whoever anyone someone everyone nobody nothing something ' +
    'everything let please thank thanks oh ok okay'
  ).split(' '),
);

export const MONTHS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);
export const WEEKDAYS = new Set('monday tuesday wednesday thursday friday saturday sunday'.split(' '));
