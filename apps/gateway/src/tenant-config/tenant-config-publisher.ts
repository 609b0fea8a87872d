import {
  BadRequestException,
  Inject,
  Injectable,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  deriveId,
  templatesPublishedType,
  triggersPublishedType,
  type EventDataByType,
  type EventValidator,
  type TemplatesPublished,
  type TriggersPublished,
} from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import { EVENT_VALIDATOR } from '../gateway.tokens.js';

type TenantConfigType = typeof templatesPublishedType | typeof triggersPublishedType;

/** A 400 that names what is wrong, in the shape every admin route answers with. */
export function invalidConfig(
  what: string,
  details: { problems?: unknown[]; reason?: string },
): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: `invalid ${what}`, ...details });
}

/**
 * Publishes a tenant admin's configuration (templates, escalation rules) on the tenant config
 * topic, once the contract's check passes: one id per tenant and version, so publishing the same
 * version twice is a recognisable repeat.
 */
@Injectable()
export class TenantConfigPublisher {
  constructor(
    private readonly publisher: EventPublisher,
    @Inject(EVENT_VALIDATOR) private readonly validator: EventValidator,
  ) {}

  /** The data as the contract reads it, or a 400 with the contract's reason. */
  check<K extends TenantConfigType>(type: K, what: string, data: unknown): EventDataByType[K] {
    const check = this.validator.validateData(type, data);
    if (!check.ok) throw invalidConfig(what, { reason: check.reason });
    return check.data;
  }

  /** Publishes checked data; a broker that is away is a 503 to retry, not a lost change. */
  async publish<K extends TenantConfigType>(
    type: K,
    what: string,
    data: EventDataByType[K],
    idPrefix: string,
  ) {
    const { tenantId, version } = data as TemplatesPublished | TriggersPublished;
    try {
      await this.publisher.emit(type, data, deriveId(idPrefix, tenantId, String(version)));
    } catch {
      throw new ServiceUnavailableException(`the ${what} cannot be published right now; try again`);
    }
    return { tenantId, version };
  }
}
