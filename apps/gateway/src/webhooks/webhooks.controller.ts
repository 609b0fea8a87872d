import {
  ConflictException,
  Controller,
  ForbiddenException,
  BadRequestException,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  ServiceUnavailableException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { cloudEventContentType, Topics, type EventValidator } from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import type { RequestWithBody } from '../http/body-reader.js';
import { EVENT_VALIDATOR, GATEWAY_CONFIG } from '../gateway.tokens.js';
import type { GatewayConfig } from '../config.js';
import { checkInboundEvents } from './inbound-events.js';
import { ReplayGuard } from './replay-guard.js';
import { checkSignature, signatureHeader } from './webhook-signature.js';

/**
 * For bot platforms that cannot produce to Kafka: the events they would have produced to
 * handoff.conversation.events.v1, signed with their tenant's secret, are produced there as they are.
 */
@Controller('v1/webhooks/:tenantId/events')
export class WebhooksController {
  private readonly replays: ReplayGuard;

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(EVENT_VALIDATOR) private readonly validator: EventValidator,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.replays = new ReplayGuard(config.webhookToleranceSeconds);
  }

  @Post()
  @HttpCode(202)
  async receive(@Param('tenantId') tenantId: string, @Req() request: RequestWithBody) {
    const body = request.rawBody;
    if (!body || body.length === 0) throw new UnsupportedMediaTypeException('expected a JSON body');
    const nowSeconds = Math.floor(Date.now() / 1000);
    const header = request.headers[signatureHeader];
    const signed = checkSignature({
      header: Array.isArray(header) ? header[0] : header,
      body,
      // An unknown tenant is checked against nothing and fails like a bad signature.
      secrets: this.config.webhookSecrets.get(tenantId) ?? [],
      nowSeconds,
      toleranceSeconds: this.config.webhookToleranceSeconds,
    });
    if (!signed.ok) throw new UnauthorizedException(signed.reason);
    const replayKey = `${tenantId}:${signed.signature}`;
    if (!this.replays.claim(replayKey, signed.timestamp, nowSeconds))
      throw new ConflictException('this signed request was already received');
    const inbound = checkInboundEvents(body, tenantId, this.validator);
    if (!inbound.ok) {
      if (inbound.status === 403) throw new ForbiddenException(inbound.reason);
      throw new BadRequestException(inbound.reason);
    }
    try {
      await this.publisher.sendAll(
        inbound.events.map(({ event, value }) => ({
          topic: Topics.ConversationEvents,
          message: {
            key: event.partitionkey,
            value,
            headers: { 'content-type': cloudEventContentType },
          },
        })),
      );
    } catch {
      // Not delivered: the sender may send the same signed request again.
      this.replays.release(replayKey);
      throw new ServiceUnavailableException('events cannot be accepted right now; try again');
    }
    return { accepted: inbound.events.length };
  }
}
