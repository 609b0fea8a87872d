import { createInterface } from 'node:readline';
import { languageOption, scoreLines } from './score-lines.js';

// Scores standard input line by line, so tenants can try thresholds on their own transcripts.
const language = languageOption(process.argv.slice(2));
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const output of scoreLines(lines, language)) process.stdout.write(`${output}\n`);
