import { Global, Module, type DynamicModule } from '@nestjs/common';
import { createKafkaClient } from './connection/kafka-client.js';
import { BatchProcessor } from './consuming/batch-processor.js';
import { DeadLetterWriter } from './consuming/dead-letters.js';
import { EventConsumerRunner } from './consuming/event-consumer.runner.js';
import { PartitionOwnership } from './consuming/partition-ownership.js';
import { KafkaHealth } from './health/kafka-health.js';
import { KAFKA_CLIENT, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { EventPublisher } from './publishing/event-publisher.js';
import { KafkaStartup } from './topics/kafka-startup.js';
import { TopicProvisioner } from './topics/topic-provisioner.js';

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: KAFKA_CLIENT, useFactory: () => createKafkaClient(options.connection) },
        TopicProvisioner,
        KafkaStartup,
        EventPublisher,
        DeadLetterWriter,
        BatchProcessor,
        EventConsumerRunner,
        PartitionOwnership,
        KafkaHealth,
      ],
      exports: [
        EventPublisher,
        EventConsumerRunner,
        KafkaStartup,
        PartitionOwnership,
        KafkaHealth,
        KAFKA_CLIENT,
        MESSAGING_OPTIONS,
      ],
    };
  }
}
