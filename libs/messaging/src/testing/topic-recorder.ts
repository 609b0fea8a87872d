import { Kafka, logLevel, type Admin, type Consumer, type IHeaders } from 'kafkajs';

export interface RecordedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** Header values as the broker delivered them. */
  rawHeaders: IHeaders;
}

/**
 * Reads topics the way an outside consumer would, from the moment `start` returns: the
 * recorder's group is placed at the current end of each topic before it joins, so neither
 * earlier runs' messages nor a slow group join change what a test sees. Each record is kept once:
 * after a rebalance of its group the recorder reads again from its last commit, and a record read
 * twice is still one record on the topic (a producer's duplicate is another record, and is kept).
 */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private readonly seen = new Set<string>();
  private readonly kafka: Kafka;
  private readonly consumer: Consumer;

  constructor(
    brokers: string[],
    private readonly groupId: string,
  ) {
    this.kafka = new Kafka({ clientId: groupId, brokers, logLevel: logLevel.NOTHING });
    this.consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  }

  async start(topics: string[]): Promise<void> {
    await startGroupAtEnd(this.kafka, this.groupId, topics);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const position = `${topic}/${partition}/${message.offset}`;
        if (this.seen.has(position)) return;
        this.seen.add(position);
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers: headersAsText(message.headers ?? {}),
          rawHeaders: message.headers ?? {},
        });
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/**
 * Commits the current end of every partition of the topics for a group that has not joined
 * yet, so a consumer that starts "from the beginning" starts from here instead.
 */
export async function startGroupAtEnd(
  kafka: Kafka,
  groupId: string,
  topics: string[],
): Promise<void> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const ends = await whileLeadersSettle(() => admin.fetchTopicOffsets(topic));
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * A topic another test has just created may name a leader in its metadata before that broker
 * answers as one: such answers are retriable, so ask again for a while.
 */
async function whileLeadersSettle<T>(ask: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await ask();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function headersAsText(headers: IHeaders): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    text[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return text;
}
