import { Test } from '@nestjs/testing';
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
