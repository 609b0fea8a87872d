import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluateSet, markdownTable } from './evaluate.js';
import type { EvaluationSet } from './evaluation-set.js';
import { loadIcwsm2014 } from './icwsm-2014.js';
import { ensureIcwsm2014 } from './icwsm-2014-fetch.js';
import { afinnScorer, oursScorer, vaderScorer } from './scorers.js';
import { parseTsvSet } from './tsv-sets.js';
import { loadUciSentences } from './uci-sentences.js';

// Measures our scorer, vader-sentiment and sentiment (AFINN) on every labelled set it can load and
// prints one markdown table on standard output; progress and notes go to standard error.
//   npm run -s sentiment:accuracy [-- --set my-set.tsv ...]
const { values } = parseArgs({ options: { set: { type: 'string', multiple: true } } });
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cacheRoot = process.env.HANDOFF_CACHE_DIR ?? join(repoRoot, '.local', 'cache');
const log = (line: string) => console.error(line);

const sets: EvaluationSet[] = [];
const unavailable: string[] = [];
try {
  sets.push(...loadIcwsm2014(ensureIcwsm2014(cacheRoot, log)));
} catch (error) {
  unavailable.push(`ICWSM-2014 rated sets: ${(error as Error).message}`);
}
sets.push(...loadUciSentences());
for (const path of values.set ?? []) {
  sets.push(parseTsvSet(readFileSync(path, 'utf8'), basename(path, extname(path))));
}

const scorers = [oursScorer, vaderScorer(), afinnScorer()];
log(`scoring ${sets.reduce((sum, set) => sum + set.items.length, 0)} texts in ${sets.length} sets`);
const rows = sets.flatMap((set) => evaluateSet(set, scorers));
console.log(
  markdownTable(
    rows,
    scorers.map((scorer) => scorer.name),
  ),
);
log('ICWSM-2014 sets are for evaluation only: never tune or train on them.');
for (const reason of unavailable) log(`not measured: ${reason}`);
// A table that lacks a set must not pass for a complete one.
if (unavailable.length > 0) process.exitCode = 1;
