import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { triggersPublishedType } from '@handoff/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@handoff/service-kit';
import { parseRuleSet } from '@handoff/trigger-rules';
import { bodyOf } from '../commands/command-body.js';
import { invalidConfig, TenantConfigPublisher } from '../tenant-config/tenant-config-publisher.js';

/**
 * A tenant admin publishes the escalation rule set, as the text of a YAML or JSON file
 * (`source`), so every problem is reported with the line it is on. The sentiment service takes it
 * from the config topic without a restart.
 */
@Controller('v1/admin/triggers')
@Authenticated('admin')
export class TriggerRulesController {
  constructor(private readonly config: TenantConfigPublisher) {}

  @Put()
  @HttpCode(202)
  async publish(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { version, source } = bodyOf(body);
    if (typeof source !== 'string')
      throw invalidConfig('rule set', {
        problems: [{ path: 'source', message: 'the rule set, as YAML or JSON text, is required' }],
      });
    const parsed = parseRuleSet(source);
    if (!parsed.ok) throw invalidConfig('rule set', { problems: parsed.problems });
    const data = this.config.check(triggersPublishedType, 'rule set', {
      tenantId: principal.tenantId,
      version,
      rules: parsed.rules,
      publishedBy: principal.subject,
      publishedAt: new Date().toISOString(),
    });
    return this.config.publish(triggersPublishedType, 'rule set', data, 'triggers');
  }
}
