import {
  Topics,
  createEvent,
  deriveId,
  type CloudEventOf,
  type EventType,
} from '@handoff/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TopicProbe } from './topic-probe.js';
import { devToken } from './dev-tokens.js';

export interface PlannedConversation {
  conversationId: string;
  messageIds: string[];
}

export interface StreamPlan {
  tenantId: string;
  conversations: PlannedConversation[];
  /** Every event in the order it is published: conversations interleaved, each in its own order. */
  events: CloudEventOf<EventType>[];
}

/** Conversations of a bot platform: each starts, then customer and bot take turns. */
export function planConversations(
  runId: string,
  tenantId: string,
  count: number,
  messagesEach: number,
): StreamPlan {
  const conversations = Array.from({ length: count }, (_, index) => ({
    conversationId: `${runId}-c${index}`,
    messageIds: Array.from({ length: messagesEach }, (_, turn) => `m${turn}`),
  }));
  const at = () => new Date().toISOString();
  const source = '/bot-platform/faults';
  const perConversation = conversations.map(({ conversationId, messageIds }) => [
    createEvent(
      'handoff.conversation.started',
      {
        conversationId,
        tenantId,
        channel: 'web',
        language: 'en',
        customer: { customerId: `cust-${conversationId}` },
        startedAt: at(),
      },
      { source },
    ),
    ...messageIds.map((messageId, turn) =>
      createEvent(
        'handoff.conversation.message.posted',
        {
          conversationId,
          tenantId,
          messageId,
          sender: turn % 2 ? 'bot' : 'customer',
          text: `turn ${turn} of ${conversationId}`,
          sentAt: at(),
        },
        { source },
      ),
    ),
  ]);
  const events: CloudEventOf<EventType>[] = [];
  for (let turn = 0; turn <= messagesEach; turn++)
    for (const sequence of perConversation) events.push(sequence[turn]!);
  return { tenantId, conversations, events };
}

/**
 * Publishes the plan at a steady rate. A send that fails (the broker is restarting) is sent again,
 * same id, until it is accepted: what a bot platform's producer does.
 */
export async function publishSteadily(
  probe: TopicProbe,
  plan: StreamPlan,
  perSecond: number,
): Promise<{ resends: number }> {
  const started = Date.now();
  let resends = 0;
  for (const [index, event] of plan.events.entries()) {
    const due = started + (index * 1000) / perSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    for (;;) {
      try {
        await probe.publishEvent(event);
        break;
      } catch {
        resends++;
        await sleep(500);
      }
    }
  }
  return { resends };
}

/** Ids of the `message.recorded` events the conversation service should emit for the plan. */
export function expectedRecordedIds(plan: StreamPlan): string[] {
  return plan.conversations.flatMap(({ conversationId, messageIds }) =>
    messageIds.map((messageId) => deriveId('recorded', conversationId, messageId)),
  );
}

/** How many times each expected output was seen (duplicates are allowed, absences are not). */
export function recordedOutputs(
  probe: TopicProbe,
  plan: StreamPlan,
): { missing: string[]; duplicates: number } {
  const seen = new Map<string, number>();
  for (const record of probe.records) {
    if (record.topic !== Topics.ConversationMessages || !record.json) continue;
    const id = String(record.json['id']);
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  const expected = expectedRecordedIds(plan);
  return {
    missing: expected.filter((id) => !seen.has(id)),
    duplicates: expected.reduce((sum, id) => sum + Math.max(0, (seen.get(id) ?? 0) - 1), 0),
  };
}

/** Each planned conversation as a supervisor would read it: the message ids of its transcript, in order. */
export async function storedTranscripts(
  conversationUrl: string,
  plan: StreamPlan,
): Promise<Map<string, string[]>> {
  const transcripts = new Map<string, string[]>();
  const token = await devToken({ tenant: plan.tenantId, role: 'supervisor', sub: 'supervisor-1' });
  for (const { conversationId } of plan.conversations) {
    const response = await fetch(`${conversationUrl}/v1/conversations/${conversationId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok)
      throw new Error(`GET ${conversationId}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { transcript: { messageId: string }[] };
    transcripts.set(
      conversationId,
      body.transcript.map((entry) => entry.messageId),
    );
  }
  return transcripts;
}
