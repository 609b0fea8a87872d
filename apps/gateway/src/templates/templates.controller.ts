import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  Inject,
  Put,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  deriveId,
  templatesPublishedType,
  type EventValidator,
  type TemplatesPublished,
} from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import { Authenticated, CurrentPrincipal, type Principal } from '@handoff/service-kit';
import { bodyOf } from '../commands/command-body.js';
import { EVENT_VALIDATOR } from '../gateway.tokens.js';
import { templateProblems } from './template-syntax.js';

/** A tenant admin publishes the customer notification templates (the tenant's brand voice). */
@Controller('v1/admin/templates')
@Authenticated('admin')
export class TemplatesController {
  constructor(
    private readonly publisher: EventPublisher,
    @Inject(EVENT_VALIDATOR) private readonly validator: EventValidator,
  ) {}

  @Put()
  @HttpCode(202)
  async publish(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { version, templates } = bodyOf(body);
    const data = {
      tenantId: principal.tenantId,
      version,
      templates,
      publishedBy: principal.subject,
      publishedAt: new Date().toISOString(),
    } as TemplatesPublished;
    const check = this.validator.validateData(templatesPublishedType, data);
    if (!check.ok)
      throw new BadRequestException({
        statusCode: 400,
        message: 'invalid templates',
        reason: check.reason,
      });
    const problems = templateProblems(
      check.data.templates as Record<string, Record<string, string>>,
    );
    if (problems.length > 0)
      throw new BadRequestException({ statusCode: 400, message: 'invalid templates', problems });
    try {
      // One id per tenant and version: publishing the same version twice is a recognisable repeat.
      await this.publisher.emit(
        templatesPublishedType,
        check.data,
        deriveId('templates', data.tenantId, String(data.version)),
      );
    } catch {
      throw new ServiceUnavailableException('templates cannot be published right now; try again');
    }
    return { tenantId: data.tenantId, version: data.version };
  }
}
