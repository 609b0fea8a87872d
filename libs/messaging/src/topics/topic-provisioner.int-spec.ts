import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import { integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import kafkajs, { Kafka, logLevel } from 'kafkajs';
import {
  deadLetterTopicMaxMessageBytes,
  eventTopicMaxMessageBytes,
  topicConfig,
  Topics,
} from '@handoff/contracts';
import type { MessagingOptions } from '../messaging.options.js';
import { TopicProvisioner } from './topic-provisioner.js';

const runName = uniqueName('int_provision');
const brokers = integrationInfra().brokers;
const partitions = 3;

function provisioner(
  index: number,
  topics: string[],
  coPartitioned: string[][] = [],
): TopicProvisioner {
  const kafka = new Kafka({ clientId: `${runName}_${index}`, brokers, logLevel: logLevel.NOTHING });
  const options = {
    topics,
    topicPartitions: partitions,
    replicationFactor: 1,
    coPartitioned,
  } as Partial<MessagingOptions>;
  return new TopicProvisioner(kafka, options as MessagingOptions);
}

describe('TopicProvisioner against a real Kafka broker', () => {
  const admin = new Kafka({
    clientId: `${runName}_check`,
    brokers,
    logLevel: logLevel.NOTHING,
  }).admin();

  before(async () => {
    Logger.overrideLogger(false);
    await admin.connect();
  });

  after(async () => {
    await admin.disconnect();
  });

  it('lets services that boot together create overlapping new topics, each ready when its start-up ends', async () => {
    // Several rounds: a new topic's metadata says "unknown topic" only for a moment.
    for (let round = 0; round < 5; round++) {
      const topics = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `${runName}.r${round}.${name}`);
      const services = [topics.slice(0, 3), topics.slice(1, 4), topics.slice(2), topics];
      const results = await Promise.allSettled(
        services.map((own, index) => provisioner(index, own).provision()),
      );
      const failures = results.flatMap((result) =>
        result.status === 'rejected' ? [String(result.reason)] : [],
      );
      assert.deepEqual(failures, [], `round ${round}`);

      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      for (const topic of found) {
        assert.equal(topic.partitions.length, partitions, topic.name);
        assert.ok(
          topic.partitions.every(({ leader }) => leader >= 0),
          `${topic.name} has a leader for every partition`,
        );
      }
    }
  });

  it('creates the dead-letter topic to take more than any event topic accepts', async () => {
    const [deadLetters, events] = [`${runName}.dlq`, `${runName}.events`];
    const limits = {
      [deadLetters]: deadLetterTopicMaxMessageBytes,
      [events]: eventTopicMaxMessageBytes,
    };
    // Named like the real topics for the provisioner's per-topic settings.
    const realNames = { [deadLetters]: Topics.DeadLetter, [events]: Topics.ConversationEvents };
    const kafka = new Kafka({ clientId: `${runName}_limits`, brokers, logLevel: logLevel.NOTHING });
    const options = {
      topics: [deadLetters, events],
      topicPartitions: 1,
      replicationFactor: 1,
    } as Partial<MessagingOptions>;
    const configFor = (topic: string) => topicConfig(realNames[topic]!);
    await new TopicProvisioner(kafka, options as MessagingOptions, configFor).provision();

    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [deadLetters, events].map((name) => ({
        type: kafkajs.ConfigResourceTypes.TOPIC,
        name,
        configNames: ['max.message.bytes'],
      })),
    });
    for (const resource of described.resources) {
      const value = resource.configEntries.find(
        (entry) => entry.configName === 'max.message.bytes',
      )!.configValue;
      assert.equal(Number(value), limits[resource.resourceName], resource.resourceName);
    }
    assert.ok(deadLetterTopicMaxMessageBytes > eventTopicMaxMessageBytes);
  });

  it('refuses to start when topics owned together by partition have different partition counts', async () => {
    const [queue, availability] = [`${runName}.queue`, `${runName}.availability`];
    await admin.createTopics({
      topics: [{ topic: availability, numPartitions: 1 }],
      waitForLeaders: true,
    });
    await assert.rejects(
      provisioner(9, [queue, availability], [[queue, availability]]).provision(),
      (error: Error) => {
        assert.match(error.message, new RegExp(`${availability} has 1 partitions`));
        assert.match(error.message, new RegExp(`${queue} has 3 partitions`));
        assert.match(error.message, /topics keyed alike must have as many partitions/);
        return true;
      },
    );
  });

  it('leaves existing topics as they are', async () => {
    const topic = `${runName}.existing`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await provisioner(9, [topic]).provision();
    const { topics: found } = await admin.fetchTopicMetadata({ topics: [topic] });
    assert.equal(found[0]!.partitions.length, 1);
  });
});
