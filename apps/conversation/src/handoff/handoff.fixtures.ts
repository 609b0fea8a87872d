import { Test } from '@nestjs/testing';
import type { EscalationRequested, RoutingDecided } from '@handoff/contracts';
import { RecordingSink } from '@handoff/messaging/testing';
import { CustomerNotifier } from '../notifications/customer-notifier.js';
import { NotificationsOptions } from '../notifications/notifications.options.js';
import { TenantTemplates } from '../notifications/tenant-templates/tenant-templates.js';
import { TenantTemplatesStore } from '../notifications/tenant-templates/tenant-templates.store.js';
import { HandoffOptions } from './handoff.options.js';
import { HandoffService } from './handoff.service.js';

export const positionUpdateIntervalMs = 30_000;

/** The service with the real notifier; tenant sets are given to `templates` in memory only. */
export async function handoffService(): Promise<{
  handoff: HandoffService;
  templates: TenantTemplates;
}> {
  const moduleRef = await Test.createTestingModule({
    providers: [
      HandoffService,
      CustomerNotifier,
      TenantTemplates,
      { provide: TenantTemplatesStore, useValue: {} },
      { provide: NotificationsOptions, useValue: { templatesRefreshMs: 10_000 } },
      { provide: HandoffOptions, useValue: { positionUpdateIntervalMs } },
    ],
  }).compile();
  return { handoff: moduleRef.get(HandoffService), templates: moduleRef.get(TenantTemplates) };
}

/** The escalation a decision answers, as the trigger service would have published it. */
export function escalationOf(decision: RoutingDecided): EscalationRequested {
  return {
    escalationId: decision.escalationId,
    conversationId: decision.conversationId,
    tenantId: decision.tenantId,
    language: decision.requirements.language,
    trigger: { kind: 'explicit_request', explanation: 'asked for a person', messageId: 'm-1' },
    sentiment: { score: -0.2, label: 'neutral' },
    variables: {},
    requestedAt: decision.decidedAt,
  };
}

/**
 * Applies a decision the way it usually comes: after its escalation was read, whose "connecting"
 * notice goes elsewhere, so the sink holds only what the decision itself calls for.
 */
export function decideAfterEscalation(
  handoff: HandoffService,
  ...[decision, ...rest]: Parameters<HandoffService['applyDecision']>
): ReturnType<HandoffService['applyDecision']> {
  handoff.startHandoff(escalationOf(decision), rest[0], new RecordingSink());
  return handoff.applyDecision(decision, ...rest);
}
