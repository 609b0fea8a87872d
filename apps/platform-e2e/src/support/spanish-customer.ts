import type { TopicProbe } from './topic-probe.js';

export interface SpanishCustomer {
  conversationId: string;
  tenantId: string;
  /** Their first message, which asks for a person. */
  text: string;
  tier?: string;
}

/** Lucía starts a WhatsApp conversation in Spanish and, in her first message, asks for an agent. */
export async function spanishCustomerAsksForAgent(
  probe: TopicProbe,
  { conversationId, tenantId, text, tier }: SpanishCustomer,
): Promise<void> {
  const at = () => new Date().toISOString();
  await probe.publish('handoff.conversation.started', {
    conversationId,
    tenantId,
    channel: 'whatsapp',
    language: 'es',
    customer: {
      customerId: `cust-${conversationId}`,
      displayName: 'Lucía',
      ...(tier ? { tier } : {}),
    },
    startedAt: at(),
  });
  await probe.publish('handoff.conversation.message.posted', {
    conversationId,
    tenantId,
    messageId: 'm1',
    sender: 'customer',
    text,
    sentAt: at(),
  });
}
