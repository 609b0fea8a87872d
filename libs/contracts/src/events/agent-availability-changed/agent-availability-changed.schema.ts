import type { EventData } from '../event-data.js';
import {
  extensibleEnum,
  identifierSchema,
  languageSchema,
  timestampSchema,
} from '../common.schema.js';

export const agentAvailabilityChangedType = 'handoff.agent.availability.changed';

export const agentAvailabilityChangedSchema = {
  $id: 'https://schemas.handoff.dev/events/agent-availability-changed.json',
  title: 'AgentAvailabilityChanged',
  description:
    "Presence saw an agent become able to take more conversations, or fewer: a status change, a chat slot given back (released, or its hold ran out unconfirmed), a shift begun or ended. Keyed by tenant, so whoever owns a tenant's queues hears every change in order.",
  type: 'object',
  required: ['tenantId', 'agentId', 'status', 'freeSlots', 'cause', 'changedAt'],
  properties: {
    tenantId: identifierSchema,
    agentId: identifierSchema,
    status: extensibleEnum(
      ['online', 'away', 'busy', 'wrap_up', 'offline'],
      'Any value this version does not know means the agent takes no new chats',
    ),
    freeSlots: { type: 'integer', minimum: 0, maximum: 50, description: 'Chat slots free now' },
    languages: { type: 'array', maxItems: 16, items: languageSchema },
    cause: extensibleEnum(
      [
        'status_changed',
        'slot_released',
        'schedule_changed',
        'shift_started',
        'shift_ended',
        'hold_expired',
      ],
      "schedule_changed: a new shift schedule; shift_started, shift_ended: one of the agent's shifts began or ended (an agent with a schedule takes no new conversation outside their shifts, and has no free slot then); hold_expired: a slot taken with a hold was not confirmed in time and came back. Any value this version does not know is treated as a change of free slots",
    ),
    changedAt: timestampSchema,
  },
} as const;

export type AgentAvailabilityChanged = EventData<typeof agentAvailabilityChangedSchema>;
