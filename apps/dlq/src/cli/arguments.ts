import { deadLetterStages, type DeadLetterStage } from '@handoff/contracts';
import { isEmptyFilter, type DeadLetterFilter } from '../dead-letters/filters.js';

export type CliRequest =
  | { command: 'help' }
  | { command: 'list'; filter: DeadLetterFilter; json: boolean; verbose: boolean }
  | { command: 'show'; id: string; json: boolean; verbose: boolean }
  | {
      command: 'replay';
      filter: DeadLetterFilter;
      all: boolean;
      again: boolean;
      dryRun: boolean;
      verbose: boolean;
    };

/** The command line is wrong: the message says how, and the process exits with 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const usageLine = 'Usage: npm run dlq -- list|show <id>|replay [options] (--help says more)';

export const usage = `Usage: npm run dlq -- <command> [options]

Commands
  list               dead letters on handoff.dlq.v1 (a table; --json for JSON lines)
  show <id>          one dead letter in full: headers, key, value and replay history;
                     <id> is a dead-letter id (<partition>:<offset>) or an event id
  replay             send dead letters back to their original topic with their original
                     key, value and headers, recording each on handoff.dlq.replays.v1

Filters (list and replay; every one given must match)
  --topic <name>     original topic
  --reason <text>    part of the reason, in any case
  --since <time>     failed at or after this ISO time (UTC unless it has an offset)
  --until <time>     failed at or before this ISO time
  --id <id>          dead-letter id or event id; repeat it for several
  --group <group>    consumer group that gave up on the record
  --stage <stage>    ${deadLetterStages.join(' or ')}

Options
  --json             list, show: JSON instead of text
  --all              replay: every dead letter (replay needs a filter or this)
  --again            replay: also those replayed before
  --dry-run          replay: say what would be replayed, write nothing
  --verbose          Kafka client logs on stderr
  -h, --help         this help

Kafka is reached as the services reach it: KAFKA_BROKERS, KAFKA_CLIENT_ID, KAFKA_SSL*, KAFKA_SASL*.
Exit codes: 0 done, 1 failed, 2 usage error.`;

type Command = 'list' | 'show' | 'replay';
const commands: readonly Command[] = ['list', 'show', 'replay'];

const filterOptions = [
  '--topic',
  '--reason',
  '--since',
  '--until',
  '--id',
  '--group',
  '--stage',
] as const;
type FilterOption = (typeof filterOptions)[number];
const flagOptions = ['--json', '--all', '--again', '--dry-run', '--verbose', '--help'] as const;
type FlagOption = (typeof flagOptions)[number];

const appliesTo: Record<FilterOption | FlagOption, readonly Command[]> = {
  '--topic': ['list', 'replay'],
  '--reason': ['list', 'replay'],
  '--since': ['list', 'replay'],
  '--until': ['list', 'replay'],
  '--id': ['list', 'replay'],
  '--group': ['list', 'replay'],
  '--stage': ['list', 'replay'],
  '--json': ['list', 'show'],
  '--all': ['replay'],
  '--again': ['replay'],
  '--dry-run': ['replay'],
  '--verbose': commands,
  '--help': commands,
};

const isFilterOption = (name: string): name is FilterOption =>
  (filterOptions as readonly string[]).includes(name);
const isFlagOption = (name: string): name is FlagOption =>
  (flagOptions as readonly string[]).includes(name);

/** Reads `list|show|replay` and its options; throws a UsageError naming what is wrong. */
export function parseArguments(argv: readonly string[]): CliRequest {
  const positionals: string[] = [];
  const values = new Map<FilterOption, string[]>();
  const flags = new Set<FlagOption>();

  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (argument === '-h') {
      flags.add('--help');
      continue;
    }
    if (!argument.startsWith('-') || argument === '-') {
      positionals.push(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals === -1 ? argument : argument.slice(0, equals);
    if (isFlagOption(name)) {
      if (equals !== -1) throw new UsageError(`${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (!isFilterOption(name)) throw new UsageError(`unknown option ${name}`);
    let value: string | undefined;
    if (equals !== -1) value = argument.slice(equals + 1);
    else {
      const next = argv[index + 1];
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        index++;
      }
    }
    if (value === undefined || value.trim() === '') throw new UsageError(`${name} needs a value`);
    const given = values.get(name) ?? [];
    if (given.length > 0 && name !== '--id')
      throw new UsageError(`${name} is given more than once`);
    values.set(name, [...given, value.trim()]);
  }

  const [commandName, ...rest] = positionals;
  if (flags.has('--help')) return { command: 'help' };
  if (commandName === undefined) throw new UsageError('name a command: list, show or replay');
  if (commandName === 'help') return { command: 'help' };
  if (!(commands as readonly string[]).includes(commandName))
    throw new UsageError(`unknown command "${commandName}" (list, show or replay)`);
  const command = commandName as Command;

  for (const name of [...values.keys(), ...flags]) {
    if (!appliesTo[name].includes(command))
      throw new UsageError(`${name} does not apply to ${command}`);
  }
  const verbose = flags.has('--verbose');

  if (command === 'show') {
    if (rest.length !== 1) {
      throw new UsageError(
        rest.length === 0
          ? 'show needs the id of a dead letter (<partition>:<offset>) or of its event'
          : `show takes one id, not ${rest.length}`,
      );
    }
    return { command, id: rest[0]!.trim(), json: flags.has('--json'), verbose };
  }
  if (rest.length > 0)
    throw new UsageError(`${command} takes no arguments, only options (got "${rest[0]}")`);

  const filter = filterFrom(values);
  if (command === 'list') return { command, filter, json: flags.has('--json'), verbose };

  const all = flags.has('--all');
  const filtered = !isEmptyFilter(filter);
  if (!all && !filtered)
    throw new UsageError(
      'replay needs a filter (--topic, --reason, --since, --until, --id, --group, --stage) or --all',
    );
  if (all && filtered)
    throw new UsageError('--all replays every dead letter: give either filters or --all');
  return {
    command,
    filter,
    all,
    again: flags.has('--again'),
    dryRun: flags.has('--dry-run'),
    verbose,
  };
}

function filterFrom(values: Map<FilterOption, string[]>): DeadLetterFilter {
  const one = (name: FilterOption) => values.get(name)?.[0];
  const filter: DeadLetterFilter = {};
  const topic = one('--topic');
  if (topic !== undefined) filter.topic = topic;
  const reason = one('--reason');
  if (reason !== undefined) filter.reason = reason;
  const since = one('--since');
  if (since !== undefined) filter.since = isoTime('--since', since);
  const until = one('--until');
  if (until !== undefined) filter.until = isoTime('--until', until);
  if (filter.since && filter.until && filter.since > filter.until)
    throw new UsageError('--since is after --until');
  const ids = values.get('--id');
  if (ids !== undefined) filter.ids = ids;
  const group = one('--group');
  if (group !== undefined) filter.group = group;
  const stage = one('--stage');
  if (stage !== undefined) {
    if (!(deadLetterStages as readonly string[]).includes(stage))
      throw new UsageError(`--stage must be ${deadLetterStages.join(' or ')}, not "${stage}"`);
    filter.stage = stage as DeadLetterStage;
  }
  return filter;
}

const isoPattern =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO 8601 date or date-time; without an offset it is UTC, as failedAt is written. */
function isoTime(option: string, text: string): Date {
  const match = isoPattern.exec(text);
  if (!match)
    throw new UsageError(
      `${option} needs an ISO time such as 2024-05-01 or 2024-05-01T13:45:00Z, not "${text}"`,
    );
  const [, date, time, zone] = match;
  const calendarDay = Date.parse(`${date}T00:00:00Z`);
  const realDay =
    Number.isFinite(calendarDay) && new Date(calendarDay).toISOString().startsWith(date!);
  const ms = Date.parse(
    time === undefined ? `${date}T00:00:00Z` : `${date}T${time}${zone ? zone.toUpperCase() : 'Z'}`,
  );
  if (!realDay || Number.isNaN(ms))
    throw new UsageError(`${option}: "${text}" is not a valid time`);
  return new Date(ms);
}
