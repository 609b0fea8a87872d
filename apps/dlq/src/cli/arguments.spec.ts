import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArguments, UsageError } from './arguments.js';

const usageError = (argv: string[], message: RegExp) =>
  assert.throws(
    () => parseArguments(argv),
    (error: unknown) => error instanceof UsageError && message.test(error.message),
  );

describe('parseArguments', () => {
  it('reads list with every filter, in both --name value and --name=value forms', () => {
    assert.deepEqual(
      parseArguments([
        'list',
        '--topic',
        'handoff.agent.status.v1',
        '--reason=Cannot Be Stored',
        '--since',
        '2024-05-01',
        '--until=2024-05-02T13:45:00+02:00',
        '--id',
        '3:17',
        '--id',
        'evt-1',
        '--group',
        'handoff-presence',
        '--stage',
        'processing',
        '--json',
      ]),
      {
        command: 'list',
        json: true,
        verbose: false,
        filter: {
          topic: 'handoff.agent.status.v1',
          reason: 'Cannot Be Stored',
          since: new Date('2024-05-01T00:00:00Z'),
          until: new Date('2024-05-02T11:45:00Z'),
          ids: ['3:17', 'evt-1'],
          group: 'handoff-presence',
          stage: 'processing',
        },
      },
    );
  });

  it('reads a time without an offset as UTC, as failedAt is written', () => {
    const request = parseArguments(['list', '--since', '2024-05-01T10:00']);
    assert.equal(
      request.command === 'list' && request.filter.since?.toISOString(),
      '2024-05-01T10:00:00.000Z',
    );
  });

  it('reads show with its id, and options before the command', () => {
    assert.deepEqual(parseArguments(['--verbose', 'show', '0:42']), {
      command: 'show',
      id: '0:42',
      json: false,
      verbose: true,
    });
    assert.deepEqual(parseArguments(['show', '--json', 'evt-1']), {
      command: 'show',
      id: 'evt-1',
      json: true,
      verbose: false,
    });
  });

  it('reads replay with a filter or --all, and its flags', () => {
    assert.deepEqual(parseArguments(['replay', '--group', 'g', '--again', '--dry-run']), {
      command: 'replay',
      filter: { group: 'g' },
      all: false,
      again: true,
      dryRun: true,
      verbose: false,
    });
    assert.deepEqual(parseArguments(['replay', '--all']), {
      command: 'replay',
      filter: {},
      all: true,
      again: false,
      dryRun: false,
      verbose: false,
    });
  });

  it('gives help for --help, -h or help', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['list', '--help'], ['replay', '-h']])
      assert.deepEqual(parseArguments(argv), { command: 'help' });
  });

  it('refuses a missing or unknown command and stray arguments', () => {
    usageError([], /name a command/);
    usageError(['purge'], /unknown command "purge"/);
    usageError(['list', 'extra'], /list takes no arguments/);
    usageError(['show'], /show needs the id/);
    usageError(['show', '1:2', '1:3'], /show takes one id/);
  });

  it('refuses unknown options, missing values and repeated filters', () => {
    usageError(['list', '--bogus'], /unknown option --bogus/);
    usageError(['list', '--topic'], /--topic needs a value/);
    usageError(['list', '--topic', '--json'], /--topic needs a value/);
    usageError(['list', '--topic='], /--topic needs a value/);
    usageError(['list', '--json=yes'], /--json takes no value/);
    usageError(['list', '--topic', 'a', '--topic', 'b'], /--topic is given more than once/);
  });

  it('refuses bad values', () => {
    usageError(['list', '--since', 'yesterday'], /--since needs an ISO time/);
    usageError(['list', '--until', '2024-02-30'], /not a valid time/);
    usageError(['list', '--since', '2024-05-01T25:00Z'], /not a valid time/);
    usageError(
      ['list', '--since', '2024-05-02', '--until', '2024-05-01'],
      /--since is after --until/,
    );
    usageError(['list', '--stage', 'delivery'], /--stage must be validation or processing/);
  });

  it('refuses options that do not apply to the command', () => {
    usageError(['show', '1:2', '--topic', 'x'], /--topic does not apply to show/);
    usageError(['list', '--dry-run'], /--dry-run does not apply to list/);
    usageError(['replay', '--all', '--json'], /--json does not apply to replay/);
  });

  it('refuses a replay of everything unless asked for with --all, and --all with filters', () => {
    usageError(['replay'], /replay needs a filter .* or --all/);
    usageError(['replay', '--dry-run'], /replay needs a filter/);
    usageError(['replay', '--all', '--group', 'g'], /either filters or --all/);
  });
});
