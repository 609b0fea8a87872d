// Records as the conversation service stores them, and the store in a Nest app on a database of
// its own, for the ConversationStore integration tests.
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import type { RoutingDecided } from '@handoff/contracts';
import { HealthModule, MongoModule } from '@handoff/service-kit';
import { integrationInfra, uniqueName } from '@handoff/service-kit/testing';
import type { Connection, Model } from 'mongoose';
import { decisionRecord } from '../handoff/decision-record.js';
import {
  ConversationRecord,
  DecisionRecord,
  EscalationRecord,
  MessageRecord,
  VariableRecord,
} from './conversation.records.js';
import { ConversationStore } from './conversation-store.js';
import { ConversationStatesModule } from './conversation-states.module.js';
import { ConversationStoreModule } from './conversation-store.module.js';

export const dbName = uniqueName('int_conversation_store');
export const tenantId = `tenant_${dbName}`;
export const intruder = `intruder_${dbName}`;

export const at = (minute: number, second = 0) =>
  new Date(Date.UTC(2026, 10, 25, 10, minute, second));

export function conversation(
  conversationId: string,
  changes: Partial<ConversationRecord> = {},
): ConversationRecord {
  return {
    _id: conversationId,
    tenantId,
    channel: 'whatsapp',
    language: 'es',
    customer: { customerId: `cust_${conversationId}`, displayName: 'Carla', tier: 'gold' },
    startedAt: at(0),
    ...changes,
  };
}

export function message(
  conversationId: string,
  messageId: string,
  seq: number,
  text = `text of ${messageId}`,
): MessageRecord {
  return {
    _id: `msg:${conversationId}:${messageId}`,
    conversationId,
    tenantId,
    messageId,
    sender: 'customer',
    text,
    sentAt: at(1),
    seq,
  };
}

export function variable(
  conversationId: string,
  name: string,
  value: VariableRecord['value'],
  seq: number,
  owner = tenantId,
): VariableRecord {
  return {
    _id: `var:${conversationId}:${uniqueName('evt')}`,
    conversationId,
    tenantId: owner,
    name,
    value,
    collectedAt: at(0, seq % 60),
    seq,
  };
}

export function escalation(
  conversationId: string,
  escalationId: string,
  requestedAt = at(2),
  owner = tenantId,
): EscalationRecord {
  return {
    _id: escalationId,
    conversationId,
    tenantId: owner,
    trigger: 'explicit_request',
    explanation: 'asked for a human',
    matchedText: 'una persona',
    messageId: 'm1',
    sentiment: { score: -0.4, label: 'negative' },
    requestedAt,
  };
}

/** A decision as the handoff consumer records it. */
export function decision(
  conversationId: string,
  outcome: 'assigned' | 'queued',
  decisionId = uniqueName('decision'),
  decidedAt = at(3),
  owner = tenantId,
): DecisionRecord {
  const routed: RoutingDecided = {
    decisionId,
    escalationId: `esc_${conversationId}`,
    conversationId,
    tenantId: owner,
    outcome,
    requirements: { language: 'es', skills: [] },
    ...(outcome === 'assigned'
      ? { agent: { agentId: 'agent-ana', displayName: 'Ana' } }
      : { queue: { reason: 'all_agents_busy' as const } }),
    decidedAt: decidedAt.toISOString(),
  };
  return decisionRecord(routed);
}

/** The ConversationStore in a Nest app of its own, with the models its tests look into. */
export class StoreUnderTest {
  private app: INestApplication | undefined;
  store!: ConversationStore;
  messageModel!: Model<MessageRecord>;
  conversationModel!: Model<ConversationRecord>;
  decisionModel!: Model<DecisionRecord>;

  async start(): Promise<void> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        HealthModule,
        MongoModule.forRoot({ url: integrationInfra().mongoUrl, dbName }),
        ConversationStatesModule.register({ cacheSize: 100 }),
        ConversationStoreModule,
      ],
    }).compile();
    this.app = moduleRef.createNestApplication({ logger: ['error', 'fatal'] });
    await this.app.init();
    this.store = this.app.get(ConversationStore);
    this.messageModel = this.app.get(getModelToken(MessageRecord.name));
    this.conversationModel = this.app.get(getModelToken(ConversationRecord.name));
    this.decisionModel = this.app.get(getModelToken(DecisionRecord.name));
  }

  async stop(): Promise<void> {
    await this.app?.get<Connection>(getConnectionToken()).dropDatabase();
    await this.app?.close();
  }

  /** A conversation stored as started, under a new id. */
  async startedConversation(changes: Partial<ConversationRecord> = {}): Promise<string> {
    const conversationId = uniqueName('conv');
    await this.store.appendConversations([conversation(conversationId, changes)], 0);
    return conversationId;
  }

  async viewOf(conversationId: string) {
    const view = await this.store.view(conversationId, tenantId);
    assert.ok(view, `conversation ${conversationId} is stored`);
    return view;
  }
}
