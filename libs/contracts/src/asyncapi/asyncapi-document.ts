import { cloudEventEnvelopeSchema } from '../cloudevents/cloud-event.schema.js';
import { cloudEventContentType } from '../cloudevents/cloud-event.js';
import { eventCatalog, type EventType } from '../events/catalog.js';
import {
  DeadLetterHeaders,
  deadLetterReplayRecordSchema,
  replayedFromHeader,
} from '../dead-letters/dead-letter-record.js';
import {
  deadLetterTopicMaxMessageBytes,
  eventTopicMaxMessageBytes,
  maxEventBytes,
  Topics,
  type EventTopic,
  type Topic,
} from '../topics.js';

interface ChannelInfo {
  description: string;
  /** What the platform does with the topic: integrators do the opposite. */
  platform: ('send' | 'receive')[];
}

const channels: Record<Topic, ChannelInfo> = {
  [Topics.AgentStatus]: {
    description:
      'Agent presence changes and shift schedules, keyed by agent id. Agent desks or workforce tools publish; presence consumes.',
    platform: ['receive'],
  },
  [Topics.ConversationEvents]: {
    description:
      'What the bot platform reports, keyed by conversation id: conversations started and ended, messages, collected variables.',
    platform: ['receive'],
  },
  [Topics.ConversationMessages]: {
    description: 'Each stored message with the context evaluation needs, keyed by conversation id.',
    platform: ['send', 'receive'],
  },
  [Topics.SentimentScores]: {
    description:
      'Sentiment of each customer message, keyed by conversation id; the trajectory of the conversation.',
    platform: ['send'],
  },
  [Topics.Escalations]: {
    description: 'A trigger decided a human is needed, with the reason; keyed by conversation id.',
    platform: ['send', 'receive'],
  },
  [Topics.RoutingDecisions]: {
    description: 'Assigned to an agent, or queued with the reason; keyed by conversation id.',
    platform: ['send', 'receive'],
  },
  [Topics.CustomerNotifications]: {
    description:
      'What the bot platform should show the customer about the handoff, in their language; keyed by conversation id.',
    platform: ['send'],
  },
  [Topics.ConversationControl]: {
    description: 'Tells the bot platform to pause or resume the bot; keyed by conversation id.',
    platform: ['send'],
  },
  [Topics.ConversationLifecycle]: {
    description:
      'Conversations the conversation service closed (resolved, or the customer left), keyed by conversation id. Presence gives the slot back; routing takes the conversation out of its queue.',
    platform: ['send', 'receive'],
  },
  [Topics.AgentCommands]: {
    description:
      "What agents do, as commands. About a conversation (keyed by conversation id, each answered by a command result): accept or decline an offer, ask for the context packet, send the customer a message, add an internal note, transfer, resolve with a disposition, return to the bot. About the agent (keyed by agent id): set their status and list their offers (answered by a desk result), and the desk's heartbeat. The gateway turns people's actions into these commands; a contact centre's existing desk sends them alike.",
    platform: ['receive'],
  },
  [Topics.AgentCommandResults]: {
    description:
      'The result of each agent command (done, or refused with the reason): command results keyed by conversation id, desk results (status, offers) keyed by agent id.',
    platform: ['send'],
  },
  [Topics.AgentAvailability]: {
    description:
      'Every change in what an agent can take (status, a chat slot given back, a shift begun or ended), keyed by tenant id. Presence publishes; routing drains queues on it.',
    platform: ['send', 'receive'],
  },
  [Topics.RoutingQueue]: {
    description:
      "Escalations entering and leaving their tenant's queue, and answers to offers and their expiry, keyed by tenant id, so one routing instance owns a tenant's queue order.",
    platform: ['send', 'receive'],
  },
  [Topics.AgentMessages]: {
    description:
      "Agents' messages to customers, keyed by conversation id, for the bot platform to deliver on the conversation's channel.",
    platform: ['send'],
  },
  [Topics.ConversationContext]: {
    description:
      'The context packet of a conversation (transcript, variables, customer, what the bot tried, sentiment, triggers, summary, suggestions), keyed by conversation id: published when it is offered, assigned or transferred, and when a desk asks.',
    platform: ['send'],
  },
  [Topics.Feedback]: {
    description:
      'Customers\' satisfaction (CSAT) and agents\' answer to "was this handoff needed?", keyed by conversation id, for analytics and trigger precision.',
    platform: ['send'],
  },
  [Topics.TenantConfig]: {
    description:
      "A tenant's settings as the gateway accepted them (notification templates), keyed by tenant id; the services keep the newest version.",
    platform: ['send', 'receive'],
  },
  [Topics.DeadLetter]: {
    description:
      'Messages a consumer could not accept or process. The key and value are the original bytes; headers name the origin ' +
      '(handoff-dlq-original-topic, -partition, -offset), the reason, the stage (validation or processing), attempts, ' +
      'consumer group and time, alongside the original headers. `npm run dlq -- replay` sends one back to its original ' +
      `topic with its original key, value and headers plus ${replayedFromHeader}. The topic takes records up to ` +
      `${deadLetterTopicMaxMessageBytes} bytes, more than any event topic (${eventTopicMaxMessageBytes}), so a dead letter is never refused for its size.`,
    platform: ['send'],
  },
  [Topics.DeadLetterReplays]: {
    description:
      'What `npm run dlq -- replay` sent back, one record per dead letter, keyed by its id (<partition>:<offset> on handoff.dlq.v1).',
    platform: ['send'],
  },
};

const deadLetterHeaders = {
  type: 'object',
  properties: Object.fromEntries(
    Object.values(DeadLetterHeaders).map((name) => [name, { type: 'string' }]),
  ),
  required: [
    DeadLetterHeaders.topic,
    DeadLetterHeaders.partition,
    DeadLetterHeaders.offset,
    DeadLetterHeaders.reason,
  ],
};

const channelId = (topic: string) =>
  topic
    .replace(/^handoff\./, '')
    .replace(/\.v\d+$/, '')
    .replace(/\./g, '-');
const messageId = (type: string) => type.replace(/^handoff\./, '').replace(/\./g, '-');

function without<T extends object>(source: T, ...keys: string[]): Record<string, any> {
  return Object.fromEntries(Object.entries(source).filter(([key]) => !keys.includes(key)));
}

function eventMessage(type: EventType) {
  const { schema, keyField, topic } = eventCatalog[type];
  const dataSchema = without(schema, '$id');
  const envelope = without(cloudEventEnvelopeSchema, '$id', 'title');
  return {
    name: type,
    title: schema.title,
    summary: schema.description,
    description: `At most ${maxEventBytes(topic as EventTopic)} bytes; the record key must be the ${keyField}.`,
    contentType: cloudEventContentType,
    bindings: {
      kafka: { key: { type: 'string', description: `The ${keyField}` }, bindingVersion: '0.5.0' },
    },
    payload: {
      ...envelope,
      properties: { ...envelope.properties, type: { const: type }, data: dataSchema },
    },
  };
}

/**
 * The AsyncAPI 3 description of every topic, built from the same catalog the services
 * validate against, so the document cannot drift from the code.
 */
export function buildAsyncApiDocument() {
  const document = {
    asyncapi: '3.0.0',
    info: {
      title: 'handoff',
      version: '1.0.0',
      description:
        'Kafka topics of the handoff platform. Every event is a CloudEvents 1.0 event in structured JSON mode: the ' +
        'envelope is the message value, `content-type: application/cloudevents+json; charset=utf-8` is a header, and ' +
        'the message key is the aggregate id (conversation id, or agent id for presence). Topic names are frozen once ' +
        'published; within a version, schemas only grow (new optional fields, new values of extensible enums listed ' +
        'under x-extensible-enum), and consumers ignore what they do not know (see COMPATIBILITY.md).',
    },
    defaultContentType: cloudEventContentType,
    channels: {} as Record<string, unknown>,
    operations: {} as Record<string, unknown>,
    components: { messages: {} as Record<string, unknown> },
  };

  for (const [topic, info] of Object.entries(channels) as [Topic, ChannelInfo][]) {
    const id = channelId(topic);
    const types = (Object.keys(eventCatalog) as EventType[]).filter(
      (type) => eventCatalog[type].topic === topic,
    );
    const messages: Record<string, { $ref: string }> = {};
    for (const type of types) {
      document.components.messages[messageId(type)] = eventMessage(type);
      messages[messageId(type)] = { $ref: `#/components/messages/${messageId(type)}` };
    }
    if (topic === Topics.DeadLetter) {
      document.components.messages['dead-letter'] = {
        name: 'dead-letter',
        title: 'DeadLetter',
        summary: 'An original message with the reason it was rejected.',
        contentType: 'application/octet-stream',
        headers: deadLetterHeaders,
        payload: { description: 'The original message value, byte for byte.' },
      };
      messages['dead-letter'] = { $ref: '#/components/messages/dead-letter' };
    }
    if (topic === Topics.DeadLetterReplays) {
      document.components.messages['dead-letter-replay'] = {
        name: 'dead-letter-replay',
        title: deadLetterReplayRecordSchema.title,
        summary: deadLetterReplayRecordSchema.description,
        contentType: 'application/json',
        payload: without(deadLetterReplayRecordSchema, '$id'),
      };
      messages['dead-letter-replay'] = { $ref: '#/components/messages/dead-letter-replay' };
    }
    document.channels[id] = { address: topic, description: info.description, messages };
    for (const action of info.platform) {
      document.operations[`${action}-${id}`] = {
        action,
        channel: { $ref: `#/channels/${id}` },
        messages: Object.keys(messages).map((name) => ({
          $ref: `#/channels/${id}/messages/${name}`,
        })),
      };
    }
  }
  return document;
}
