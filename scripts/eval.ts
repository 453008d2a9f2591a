/**
 * `npm run -s eval` prints the detection figures as a table; `npm run -s eval -- --json` prints
 * them as JSON. Gold data is read from ../shared/gold (never copied into the repository).
 * Options: --errors lists the seed-article mistakes; --conll FILE scores another CoNLL file.
 */
import { scoreConll } from './eval/conll';
import { goldDir, hasShared } from './eval/paths';
import { scorePolnear } from './eval/polnear';
import type { PRF } from './eval/prf';
import { scoreSeeds } from './eval/seeds';
import { medianMsPer1000Words } from './eval/speed';

const args = process.argv.slice(2);
const json = args.includes('--json');
const showErrors = args.includes('--errors');
const conllIdx = args.indexOf('--conll');
const conllFile = conllIdx >= 0 ? args[conllIdx + 1] : undefined;

if (!hasShared) {
  process.stderr.write(`eval: gold data not found at ${goldDir} (expected ../shared beside the repository)\n`);
  process.exit(2);
}

const seeds = scoreSeeds();
const conll = scoreConll(conllFile);
// Warm up before timing the whole of PolNeAR dev in this one process.
const polnear = scorePolnear('dev');
const speed = medianMsPer1000Words();

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const prfOut = (x: PRF) => ({ precision: round(x.precision), recall: round(x.recall), f1: round(x.f1), tp: x.tp, fp: x.fp, fn: x.fn });

const report = {
  seeds: {
    actors: Object.fromEntries(Object.entries(seeds.actors).map(([k, v]) => [k, prfOut(v)])),
    claims: prfOut(seeds.claims),
    sourcingAccuracy: round(seeds.sourcingAccuracy),
    speakerAccuracy: round(seeds.speakerAccuracy),
    chromeHighlights: seeds.chromeHighlights,
  },
  conll2003Valid: {
    micro: prfOut(conll.micro),
    PER: prfOut(conll.byType.PER),
    ORG: prfOut(conll.byType.ORG),
    LOC: prfOut(conll.byType.LOC),
    sentences: conll.sentences,
    documents: conll.documents,
  },
  polnearDev: {
    sentenceCue: prfOut(polnear.sentence),
    sentenceCueOrContent: prfOut(polnear.sentenceWithContent),
    sourceSpan: prfOut(polnear.source),
    cueSpan: prfOut(polnear.cue),
    articles: polnear.articles,
  },
  speed: {
    wordsPerSecond: Math.round(polnear.wordsPerSecond),
    polnearDevWords: polnear.words,
    polnearDevSeconds: round(polnear.seconds, 2),
    medianMsPer1000Words: round(speed.medianMs, 2),
    pieces1000Words: speed.pieces,
  },
};

if (json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
  const row = (name: string, x: PRF, target = '') =>
    `${name.padEnd(38)}${pct(x.precision)}${pct(x.recall)}${pct(x.f1)}   ${target}`;
  const lines = [
    `${'Figure'.padEnd(38)}     P      R     F1   target`,
    '-- Seeds (2 sample articles) --',
    row('actors: person', seeds.actors.person, 'P,R ≥ 95'),
    row('actors: organization', seeds.actors.organization, 'P,R ≥ 95'),
    row('actors: place', seeds.actors.place, 'P,R ≥ 95'),
    row('claims', seeds.claims, 'F1 ≥ 90'),
    `${'claims: speaker correct'.padEnd(38)}${pct(seeds.speakerAccuracy)}                ≥ 90`,
    `${'claims: sourcing correct'.padEnd(38)}${pct(seeds.sourcingAccuracy)}`,
    `${'highlights on page chrome'.padEnd(38)}${String(seeds.chromeHighlights).padStart(6)}                = 0`,
    `-- CoNLL-2003 valid (${conll.documents} stories, ${conll.sentences} sentences; exact span + type) --`,
    row('PER', conll.byType.PER),
    row('ORG', conll.byType.ORG),
    row('LOC', conll.byType.LOC),
    row('micro (PER/ORG/LOC)', conll.micro, 'F1 ≥ 75'),
    `-- PolNeAR dev (${polnear.articles} articles) --`,
    row('sentence holds a Cue', polnear.sentence, 'F1 ≥ 84'),
    row('  (variant: Cue or Content)', polnear.sentenceWithContent),
    row('Source span (overlap)', polnear.source, 'F1 ≥ 70'),
    row('Cue span (overlap)', polnear.cue),
    '-- Speed (Node, this machine) --',
    `${'words/s over PolNeAR dev'.padEnd(38)}${String(report.speed.wordsPerSecond).padStart(8)}  (${polnear.words} words in ${report.speed.polnearDevSeconds} s)`,
    `${'median ms per 1,000-word article'.padEnd(38)}${report.speed.medianMsPer1000Words.toFixed(2).padStart(8)}  (${speed.pieces} pieces)   ≤ 20`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (showErrors) process.stdout.write(`\nSeed errors:\n${seeds.errors.map((e) => `  ${e}`).join('\n')}\n`);
}
