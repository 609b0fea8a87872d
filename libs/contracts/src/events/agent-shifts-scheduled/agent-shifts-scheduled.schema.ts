import type { EventData } from '../event-data.js';
import { identifierSchema, timestampSchema } from '../common.schema.js';

export const agentShiftsScheduledType = 'handoff.agent.shifts.scheduled';

/** Shifts one schedule may list: weeks ahead of daily shifts, and a bound on what one event holds. */
export const maxShiftsPerSchedule = 64;

export const agentShiftsScheduledSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-shifts-scheduled.json',
  title: 'AgentShiftsScheduled',
  description:
    "A workforce-management tool's schedule of an agent's shifts. It replaces the agent's earlier schedule (one published earlier is ignored); an agent with a schedule takes no new conversation outside their shifts, an agent without one is not restricted; an empty list means no shift ahead. Each shift must start before it ends, and shifts must not overlap; a schedule that breaks this is dead-lettered.",
  type: 'object',
  required: ['tenantId', 'agentId', 'shifts', 'publishedAt'],
  properties: {
    tenantId: identifierSchema,
    agentId: identifierSchema,
    shifts: {
      type: 'array',
      maxItems: maxShiftsPerSchedule,
      items: {
        type: 'object',
        required: ['start', 'end'],
        properties: { start: timestampSchema, end: timestampSchema },
      },
    },
    publishedAt: {
      ...timestampSchema,
      description: 'When the tool published this schedule: the latest one published wins',
    },
  },
} as const;

export type AgentShiftsScheduled = EventData<typeof agentShiftsScheduledSchema>;
