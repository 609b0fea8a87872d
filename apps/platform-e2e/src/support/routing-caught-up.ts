import { Topics } from '@handoff/contracts';
import type { ProbedRecord, TopicProbe } from './topic-probe.js';

/**
 * A new routing group reads the escalations topic from its start, earlier runs' included: an
 * escalation of a tenant no queue file lists is dead-lettered once routing reaches it, so its
 * dead letter says routing has caught up. The probe must read the dead-letter topic.
 */
export async function untilRoutingCaughtUp(
  probe: TopicProbe,
  runId: string,
): Promise<ProbedRecord> {
  const stranger = `stranger-${runId}`;
  const conversationId = `${stranger}-c1`;
  await probe.publish('handoff.escalation.requested', {
    escalationId: `esc:${conversationId}`,
    conversationId,
    tenantId: stranger,
    language: 'en',
    trigger: { kind: 'explicit_request', explanation: 'asked for a human', messageId: 'm1' },
    sentiment: { score: 0, label: 'neutral' },
    variables: {},
    requestedAt: new Date().toISOString(),
  });
  return probe.waitFor(
    'routing to reach a marker escalation',
    (record) => record.topic === Topics.DeadLetter && record.key === conversationId,
    120_000,
  );
}
