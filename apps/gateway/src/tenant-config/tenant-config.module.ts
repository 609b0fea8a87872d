import { Module } from '@nestjs/common';
import { TemplatesController } from '../templates/templates.controller.js';
import { TriggerRulesController } from '../trigger-rules/trigger-rules.controller.js';
import { TenantConfigPublisher } from './tenant-config-publisher.js';

/** What a tenant admin configures: notification templates and escalation rules. */
@Module({
  controllers: [TemplatesController, TriggerRulesController],
  providers: [TenantConfigPublisher],
})
export class TenantConfigModule {}
