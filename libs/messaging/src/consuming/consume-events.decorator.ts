import {
  applyDecorators,
  Catch,
  Controller,
  UseFilters,
  type RpcExceptionFilter,
} from '@nestjs/common';
import type { EventTopic } from '@handoff/contracts';
import { EventPattern } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';

/**
 * Hands a handler's error to the consumer as it was thrown. Nest's default filter would replace
 * it with "Internal server error", and the consumer needs the original to tell an outage (wait and
 * retry) from an event that cannot be processed (dead letter).
 */
@Catch()
class KeepOriginalError implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/** A class whose methods consume Kafka topics (`@ConsumeEvents`). */
export function EventConsumer(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(new KeepOriginalError()));
}

/**
 * Marks the method that consumes a topic. It receives an `EventBatch`: the valid events of one
 * partition, in order, and an outbox for what it emits. The topic is declared here only; the
 * consumer subscribes, validates, retries and dead-letters from it.
 */
export function ConsumeEvents(topic: EventTopic) {
  return EventPattern(topic);
}
