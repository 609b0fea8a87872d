import { Inject, Logger } from '@nestjs/common';
import { routingDecidedType, Topics } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, inKeyOrder, type EventBatch } from '@handoff/messaging';
import { meter } from '@handoff/service-kit';
import { Payload } from '@nestjs/microservices';
import { DecisionsRepository } from '../decisions/decisions.repository.js';
import { AssignmentService, ROUTING_CONCURRENCY } from './assignment.service.js';

const decisionsCounter = meter().createCounter('handoff_routing_decisions_total', {
  description: 'Routing decisions, by outcome and queue reason',
});

/**
 * Routes a partition's escalations: several conversations at once (each conversation's in order),
 * then stores the batch's decisions in one insert and announces them.
 */
@EventConsumer()
export class EscalationsConsumer {
  private readonly logger = new Logger(EscalationsConsumer.name);

  constructor(
    private readonly assignment: AssignmentService,
    private readonly decisions: DecisionsRepository,
    @Inject(ROUTING_CONCURRENCY) private readonly concurrency: number,
  ) {}

  @ConsumeEvents(Topics.Escalations)
  async onEscalations(@Payload() batch: EventBatch<typeof Topics.Escalations>): Promise<void> {
    const decided = await inKeyOrder(
      batch.events,
      (event) => event.data.conversationId,
      (event) => this.assignment.decide(event.data),
      this.concurrency,
    );
    const announced = await this.decisions.saveAll(decided);
    announced.forEach((decision, index) => {
      const traceparent = batch.events[index]!.traceparent;
      batch.emit(routingDecidedType, decision, {
        id: decision.decisionId,
        ...(traceparent ? { traceparent } : {}),
      });
      if (decision === decided[index]) {
        decisionsCounter.add(1, {
          outcome: decision.outcome,
          reason: decision.queue?.reason ?? 'none',
        });
        this.logger.debug({
          message: 'routed',
          conversationId: decision.conversationId,
          outcome: decision.outcome,
          agentId: decision.agent?.agentId,
        });
      }
    });
  }
}
