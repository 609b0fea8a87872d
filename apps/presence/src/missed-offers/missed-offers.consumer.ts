import { agentStatusChangedType, deriveId, Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import { MissedOffers } from './missed-offers.js';

/** Routing's decisions, for the offers agents let run out; the status change is applied like any other. */
@EventConsumer()
export class MissedOffersConsumer {
  constructor(private readonly missedOffers: MissedOffers) {}

  @ConsumeEvents(Topics.RoutingDecisions)
  onDecisions(@Payload() batch: EventBatch<typeof Topics.RoutingDecisions>): void {
    for (const { data, id } of batch.events) {
      const away = this.missedOffers.observe(data);
      if (away) batch.emit(agentStatusChangedType, away, { id: deriveId('missed-offers', id) });
    }
  }
}
