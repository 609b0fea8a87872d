import { Topics, type EventValidator, type TopicPayloads } from '@handoff/contracts';

type ConversationEvent = TopicPayloads[typeof Topics.ConversationEvents];

export interface InboundEvent {
  event: ConversationEvent;
  /** What goes on the topic: the sender's own bytes for a single event. */
  value: Buffer;
}

export type InboundCheck =
  { ok: true; events: InboundEvent[] } | { ok: false; status: 400 | 403; reason: string };

/** Most events one webhook call may carry (the body limit bounds it too). */
export const maxEventsPerCall = 100;

/**
 * Reads one CloudEvent or a JSON array of them, as a bot platform would have produced them to
 * handoff.conversation.events.v1, and checks each as that topic's consumers do. All or nothing:
 * one bad event refuses the call, so a sender never has to work out which half went through.
 */
export function checkInboundEvents(
  body: Buffer,
  pathTenant: string,
  validator: EventValidator,
): InboundCheck {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { ok: false, status: 400, reason: `body is not JSON: ${(error as Error).message}` };
  }
  const single = !Array.isArray(json);
  const candidates: unknown[] = single ? [json] : (json as unknown[]);
  if (candidates.length === 0) return { ok: false, status: 400, reason: 'no events in the body' };
  if (candidates.length > maxEventsPerCall)
    return { ok: false, status: 400, reason: `more than ${maxEventsPerCall} events in one call` };
  const events: InboundEvent[] = [];
  for (const [index, candidate] of candidates.entries()) {
    const where = single ? 'event' : `event ${index}`;
    const tenants = claimedTenants(candidate);
    if (tenants.some((tenant) => tenant !== pathTenant))
      return { ok: false, status: 403, reason: `${where} belongs to another tenant` };
    const result = validator.validate(Topics.ConversationEvents, candidate);
    if (!result.ok) return { ok: false, status: 400, reason: `${where}: ${result.reason}` };
    const value = single ? body : Buffer.from(JSON.stringify(candidate));
    events.push({ event: result.event, value });
  }
  return { ok: true, events };
}

function claimedTenants(candidate: unknown): unknown[] {
  const event = candidate as { tenantid?: unknown; data?: { tenantId?: unknown } } | null;
  return [event?.tenantid, event?.data?.tenantId].filter((tenant) => tenant !== undefined);
}
