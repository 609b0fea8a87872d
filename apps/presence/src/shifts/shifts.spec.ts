import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { AgentAvailabilityChanged } from '@handoff/contracts';
import { isRejection, type EventPublisher } from '@handoff/messaging';
import { AgentDirectory } from '../agents/agent-directory.js';
import { agent, at } from '../agents/agent.fixtures.js';
import {
  lastBoundaryBy,
  onShiftAt,
  scheduleOf,
  shiftsAround,
  type ShiftSchedule,
} from '../agents/shift-schedule.js';
import type { ShiftScheduleLog } from './shift-schedule-log.js';
import { ShiftSchedules } from './shift-schedules.js';
import { ShiftWatch } from './shift-watch.js';

const iso = (seconds: number) => at(seconds).toISOString();
const ms = (seconds: number) => at(seconds).getTime();

/** A schedule of shifts given in seconds of the test day, published and received at `published`. */
function schedule(shifts: [number, number][], published = 0): ShiftSchedule {
  const made = scheduleOf(
    shifts.map(([start, end]) => ({ start: iso(start), end: iso(end) })),
    ms(published),
    ms(published),
  );
  assert.ok(!('refused' in made), 'a valid schedule');
  return made;
}

describe('shift schedules', () => {
  it('sorts shifts and refuses one that does not start before it ends, or overlapping ones', () => {
    assert.deepEqual(
      schedule([
        [50, 60],
        [10, 20],
        [20, 30],
      ]).boundaries,
      [10, 20, 20, 30, 50, 60].map(ms),
      'back-to-back shifts are allowed',
    );
    const refused = (shifts: [number, number][]) =>
      scheduleOf(
        shifts.map(([start, end]) => ({ start: iso(start), end: iso(end) })),
        0,
        0,
      );
    assert.deepEqual(
      refused([
        [10, 20],
        [30, 30],
      ]),
      {
        refused: 'shift 1 does not start before it ends',
      },
    );
    assert.deepEqual(refused([[40, 30]]), { refused: 'shift 0 does not start before it ends' });
    assert.match(
      (
        refused([
          [10, 30],
          [20, 40],
        ]) as { refused: string }
      ).refused,
      /overlap/,
    );
  });

  it('says whether a moment is on shift, the last start or end, and the current and next shifts', () => {
    const shifts = schedule([
      [10, 20],
      [20, 30],
      [50, 60],
    ]);
    const on = [5, 10, 19, 20, 29, 30, 40, 50, 60, 70].map((second) =>
      onShiftAt(shifts, ms(second)),
    );
    assert.deepEqual(on, [false, true, true, true, true, false, false, true, false, false]);
    assert.equal(onShiftAt(undefined, ms(0)), true, 'no schedule: not restricted');
    assert.equal(onShiftAt(schedule([]), ms(0)), false, 'an empty schedule: no shift');
    assert.equal(lastBoundaryBy(shifts, ms(5)), undefined);
    assert.deepEqual(lastBoundaryBy(shifts, ms(25)), { at: ms(20), kind: 'shift_started' });
    assert.deepEqual(lastBoundaryBy(shifts, ms(45)), { at: ms(30), kind: 'shift_ended' });
    assert.deepEqual(shiftsAround(shifts, ms(25)), {
      current: { start: ms(20), end: ms(30) },
      next: { start: ms(50), end: ms(60) },
    });
    assert.deepEqual(shiftsAround(shifts, ms(40)), {
      current: undefined,
      next: { start: ms(50), end: ms(60) },
    });
    assert.deepEqual(shiftsAround(shifts, ms(65)), { current: undefined, next: undefined });
  });
});

describe('an agent with a shift schedule', () => {
  let directory: AgentDirectory;

  beforeEach(() => {
    directory = new AgentDirectory();
    directory.apply(agent('ana', { capacity: 5 }));
    directory.apply(agent('bo', { capacity: 5, skills: [{ name: 'billing', proficiency: 1 }] }));
  });

  const placedAt = (second: number) => {
    const [outcome] = directory.placeBest(
      'acme',
      [
        {
          conversationId: `c${second}`,
          language: 'en',
          skills: [{ name: 'billing', minProficiency: 1 }],
        },
      ],
      ms(second),
    );
    return outcome!.reserved ? outcome!.agentId : 'queued';
  };

  it('fits placements, searches and reservations only on shift; one without a schedule always', () => {
    directory.schedule('acme', 'ana', schedule([[10, 20]]));
    assert.equal(placedAt(5), 'bo', 'ana, more skilled, is not on shift yet');
    assert.equal(placedAt(15), 'ana');
    assert.equal(placedAt(25), 'bo', 'her shift has ended');
    const found = directory.find({
      tenantId: 'acme',
      language: 'en',
      skills: [],
      limit: 5,
      at: ms(25),
    });
    assert.deepEqual(
      [found.matchingAgents, found.candidates.map(({ agentId }) => agentId)],
      [1, ['bo']],
    );
    assert.equal(directory.reserve('acme', 'ana', 'direct', ms(30)).reserved, false);
    assert.equal(directory.reserve('acme', 'ana', 'direct', ms(12)).reserved, true);
  });

  it('keeps a schedule that comes before the agent, and the latest published of several', async () => {
    const log = { append: async () => undefined } as unknown as ShiftScheduleLog;
    const schedules = new ShiftSchedules(directory, log);
    const event = (agentId: string, shifts: [number, number][], published: number) => ({
      id: `${agentId}-${published}`,
      at: at(published),
      data: {
        tenantId: 'acme',
        agentId,
        shifts: shifts.map(([start, end]) => ({ start: iso(start), end: iso(end) })),
        publishedAt: iso(published),
      },
    });
    const changed = await schedules.apply(
      schedules.check([
        event('ana', [[10, 20]], 3),
        event('ana', [[40, 50]], 1),
        event('cy', [[10, 20]], 1),
      ]),
    );
    assert.deepEqual(
      changed.map(({ entry, causeId }) => [entry.agentId, causeId]),
      [['ana', 'ana-3']],
      'cy is not known yet',
    );
    assert.equal(
      await schedules.apply(schedules.check([event('ana', [[40, 50]], 2)])).then((c) => c.length),
      0,
      'published before the one known',
    );
    assert.equal(placedAt(15), 'ana');
    directory.apply(agent('cy', { capacity: 5, skills: [{ name: 'billing', proficiency: 5 }] }));
    assert.equal(placedAt(16), 'cy', 'her schedule waited for her');
    assert.equal(placedAt(25), 'bo');
    assert.throws(
      () => schedules.check([event('ana', [[20, 10]], 4)]),
      (error: unknown) =>
        isRejection(error) &&
        /agent ana: shift 0 does not start before it ends/.test(String(error)),
    );
  });

  it('announces each shift start and end of an online agent once, with no free slot off shift', async () => {
    const sent: { data: AgentAvailabilityChanged; id?: string }[] = [];
    let failing = true;
    const publisher = {
      emit: async (_type: string, data: AgentAvailabilityChanged, id?: string) => {
        if (failing) throw new Error('broker down');
        sent.push({ data, id });
      },
    } as unknown as EventPublisher;
    const watch = new ShiftWatch(directory, publisher);
    try {
      directory.schedule(
        'acme',
        'ana',
        schedule(
          [
            [10, 20],
            [30, 40],
          ],
          1,
        ),
      );
      directory.schedule('acme', 'bo', schedule([[10, 20]], 1));
      directory.apply(agent('bo', { status: 'away', statusChangedAt: at(2) }));
      assert.equal(await watch.check(ms(5)), 0, 'nothing has started');
      assert.equal(await watch.check(ms(12)), 0, 'the broker is down');
      failing = false;
      assert.equal(await watch.check(ms(12)), 1, "ana's start; bo is away");
      assert.equal(await watch.check(ms(13)), 0, 'announced already');
      assert.equal(await watch.check(ms(35)), 1, 'one change for what passed meanwhile: the last');
      directory.apply(agent('ana', { statusChangedAt: at(41) }));
      assert.equal(await watch.check(ms(45)), 0, 'her status change after the end told routing');
      assert.deepEqual(
        sent.map(({ data }) => [data.agentId, data.cause, data.freeSlots, data.changedAt]),
        [
          ['ana', 'shift_started', 5, iso(10)],
          ['ana', 'shift_started', 5, iso(30)],
        ],
      );
      directory.schedule('acme', 'ana', schedule([[46, 47]], 45));
      assert.equal(await watch.check(ms(48)), 1);
      assert.deepEqual([sent[2]!.data.cause, sent[2]!.data.freeSlots], ['shift_ended', 0]);
      assert.equal(new Set(sent.map(({ id }) => id)).size, 3);
    } finally {
      watch.onModuleDestroy();
    }
  });
});
