import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseRuleSet } from '@handoff/trigger-rules';
import { escalationModel, escalationScore } from '../escalation-score/escalation-model.js';
import { dryRun, type TranscriptMessage } from '../triggers/dry-run.js';

const usage = `usage: npm run -s triggers:dry-run -- [--rules rules.yaml] [--language es] [--tier gold] [transcript.json]
The transcript (a file, or standard input) is a JSON array of {"sender": "customer"|"bot", "text", "intent"?, "confidence"?, "fallback"?}.
Prints, per message, the triggers that fire and why, and where an escalation would start.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  options: {
    rules: { type: 'string' },
    language: { type: 'string' },
    tier: { type: 'string' },
    help: { type: 'boolean' },
  },
  allowPositionals: true,
});
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
let rules;
if (values.rules) {
  const parsed = parseRuleSet(readFileSync(values.rules, 'utf8'));
  if (!parsed.ok)
    fail(
      parsed.problems
        .map((p) => `${values.rules}:${p.line ?? '?'}: ${p.path}: ${p.message}`)
        .join('\n'),
    );
  rules = parsed.rules;
}
let transcript: TranscriptMessage[];
try {
  transcript = JSON.parse(readFileSync(positionals[0] ?? 0, 'utf8'));
  if (!Array.isArray(transcript)) throw new Error('not an array of messages');
} catch (error) {
  fail(`the transcript is not a JSON array of messages: ${(error as Error).message}\n${usage}`);
}
const turns = dryRun(transcript, {
  ...(rules ? { rules } : {}),
  ...(values.language ? { language: values.language } : {}),
  ...(values.tier ? { customerTier: values.tier } : {}),
  model: {
    version: escalationModel.version,
    threshold: escalationModel.threshold,
    score: escalationScore,
  },
});
for (const turn of turns) {
  const scores =
    turn.sentiment === undefined
      ? ''
      : ` sentiment ${turn.sentiment} frustration ${turn.frustration}`;
  process.stdout.write(
    `#${turn.index + 1} ${turn.sender}${scores}${turn.escalates ? '  => ESCALATES' : ''}\n`,
  );
  for (const fired of turn.fired)
    process.stdout.write(
      `    ${fired.kind}: ${fired.explanation}${fired.rule ? ` [${fired.rule}]` : ''}\n`,
    );
  if (turn.heldBack) process.stdout.write(`    (no new escalation: ${turn.heldBack})\n`);
}
