import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DeadLetterPublisher } from './consuming/dead-letter.js';
import { InboundEvents } from './consuming/inbound-events.js';
import { KafkaReadiness } from './health/kafka-readiness.js';
import { createKafkaClient } from './kafka-client.js';
import { KAFKA_CLIENT, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { EventPublisher } from './publishing/event-publisher.js';
import { TopicProvisioner } from './topics/topic-provisioner.js';

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: KAFKA_CLIENT, useFactory: () => createKafkaClient(options.clientId, options.brokers) },
        TopicProvisioner,
        EventPublisher,
        DeadLetterPublisher,
        InboundEvents,
        KafkaReadiness,
      ],
      exports: [EventPublisher, InboundEvents, KafkaReadiness, KAFKA_CLIENT, MESSAGING_OPTIONS],
    };
  }
}
