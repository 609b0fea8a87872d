import type { INestApplication } from '@nestjs/common';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { KafkaReadiness } from '../health/kafka-readiness.js';
import type { MessagingOptions } from '../messaging.options.js';

/**
 * Attaches the Kafka transport that feeds the service's `@EventPattern` handlers. Values are
 * kept as raw bytes so InboundEvents, not the transport, decides what is malformed.
 */
export function connectKafkaConsumer(app: INestApplication, options: MessagingOptions): void {
  const microservice = app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.KAFKA,
      options: {
        postfixId: '',
        client: { clientId: `${options.clientId}-consumer`, brokers: options.brokers },
        consumer: { groupId: options.groupId, allowAutoTopicCreation: false, retry: { retries: 8 } },
        // A new consumer group starts at the beginning, so nothing published before it joined is missed.
        subscribe: { fromBeginning: true },
        parser: { keepBinary: true },
        run: { partitionsConsumedConcurrently: 1 },
      },
    },
    { inheritAppConfig: true },
  );
  app.get(KafkaReadiness).watch(microservice.status);
}
