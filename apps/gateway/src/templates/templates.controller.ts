import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { templatesPublishedType } from '@handoff/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@handoff/service-kit';
import { bodyOf } from '../commands/command-body.js';
import { invalidConfig, TenantConfigPublisher } from '../tenant-config/tenant-config-publisher.js';
import { templateProblems } from './template-syntax.js';

/** A tenant admin publishes the customer notification templates (the tenant's brand voice). */
@Controller('v1/admin/templates')
@Authenticated('admin')
export class TemplatesController {
  constructor(private readonly config: TenantConfigPublisher) {}

  @Put()
  @HttpCode(202)
  async publish(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { version, templates } = bodyOf(body);
    const data = this.config.check(templatesPublishedType, 'templates', {
      tenantId: principal.tenantId,
      version,
      templates,
      publishedBy: principal.subject,
      publishedAt: new Date().toISOString(),
    });
    const problems = templateProblems(data.templates as Record<string, Record<string, string>>);
    if (problems.length > 0) throw invalidConfig('templates', { problems });
    return this.config.publish(templatesPublishedType, 'templates', data, 'templates');
  }
}
