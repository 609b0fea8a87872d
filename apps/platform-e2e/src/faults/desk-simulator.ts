import { Topics } from '@handoff/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { pollUntil, type TopicProbe } from '../support/topic-probe.js';
import { readAgent } from '../support/agent-reads.js';

interface Conversation {
  tenantId: string;
  conversationId: string;
}

/**
 * Plays the agents' desks for a routing test: brings agents online, escalates conversations, and
 * closes each conversation shortly after it is assigned, so capacity turns over and queues drain.
 * It keeps the timeline of assignments and closures it saw, from which an agent's load at any
 * moment follows: it could only exceed capacity if presence booked a slot twice.
 */
export class DeskSimulator {
  assigned = 0;
  closed = 0;
  duplicateDecisions = 0;
  highestLoad = 0;
  private readonly agentOf = new Map<string, string>();
  private readonly conflicts: string[] = [];
  private readonly overloads: string[] = [];
  private readonly load = new Map<string, number>();
  private readonly closing = new Set<Promise<void>>();
  private readonly agents: { tenantId: string; agentId: string }[] = [];
  /** Conversations this desk escalated: decisions of other runs on the same topic are not its own. */
  private readonly escalated = new Set<string>();
  private seen = 0;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly probe: TopicProbe,
    private readonly presenceUrl: string,
    private readonly capacity: number,
  ) {}

  async agentOnline(tenantId: string, agentId: string): Promise<void> {
    this.agents.push({ tenantId, agentId });
    await this.probe.publish('handoff.agent.status.changed', {
      agentId,
      tenantId,
      displayName: agentId,
      status: 'online',
      skills: [],
      languages: ['en'],
      capacity: this.capacity,
    });
  }

  async untilPresenceKnowsEveryAgent(): Promise<void> {
    for (const { tenantId, agentId } of this.agents)
      await pollUntil(`presence to know ${tenantId}/${agentId}`, async () =>
        (await readAgent(this.presenceUrl, tenantId, agentId)).ok ? true : undefined,
      );
  }

  async escalate(
    { tenantId, conversationId }: Conversation,
    variables: Record<string, string> = {},
  ): Promise<void> {
    this.escalated.add(conversationId);
    await this.probe.publish('handoff.escalation.requested', {
      escalationId: `esc:${conversationId}`,
      conversationId,
      tenantId,
      language: 'en',
      trigger: { kind: 'explicit_request', explanation: 'asked for a human', messageId: 'm1' },
      sentiment: { score: -0.5, label: 'negative' },
      variables,
      requestedAt: new Date().toISOString(),
    });
  }

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        this.readDecisions();
        await sleep(10);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await Promise.all(this.closing);
  }

  doubleAssigned(): string[] {
    return this.conflicts;
  }

  overCapacity(): string[] {
    return this.overloads;
  }

  unassigned(conversations: readonly Conversation[]): string[] {
    return conversations
      .map(({ conversationId }) => conversationId)
      .filter((conversationId) => !this.agentOf.has(conversationId));
  }

  /** Every slot came back: nothing leaked by a crash or a repeated placement. */
  async untilEveryAgentIsFree(tenants: readonly string[], agentsPerTenant: number): Promise<void> {
    for (const tenantId of tenants)
      for (let index = 0; index < agentsPerTenant; index++) {
        await pollUntil(`${tenantId}/agent-${index} to hold no chat`, async () => {
          const agent = (await (
            await readAgent(this.presenceUrl, tenantId, `agent-${index}`)
          ).json()) as { activeChats: number };
          return agent.activeChats === 0 ? true : undefined;
        });
      }
  }

  private readDecisions(): void {
    const records = this.probe.records;
    for (; this.seen < records.length; this.seen++) {
      const record = records[this.seen]!;
      if (record.topic !== Topics.RoutingDecisions) continue;
      const decision = record.json?.['data'];
      if (decision?.outcome !== 'assigned' || !this.escalated.has(decision.conversationId))
        continue;
      const agentKey = `${decision.tenantId}/${decision.agent.agentId}`;
      const earlier = this.agentOf.get(decision.conversationId);
      if (earlier !== undefined) {
        if (earlier === agentKey) this.duplicateDecisions++;
        else this.conflicts.push(`${decision.conversationId}: ${earlier} and ${agentKey}`);
        continue;
      }
      this.agentOf.set(decision.conversationId, agentKey);
      this.assigned++;
      const load = (this.load.get(agentKey) ?? 0) + 1;
      this.load.set(agentKey, load);
      this.highestLoad = Math.max(this.highestLoad, load);
      if (load > this.capacity) this.overloads.push(`${agentKey} held ${load} chats`);
      const closing = this.closeSoon(decision.tenantId, decision.conversationId, agentKey);
      this.closing.add(closing);
      void closing.finally(() => this.closing.delete(closing));
    }
  }

  /** The agent handles the chat for a moment, then resolves it. */
  private async closeSoon(
    tenantId: string,
    conversationId: string,
    agentKey: string,
  ): Promise<void> {
    await sleep(50 + Math.floor(Math.random() * 150));
    // The load drops before the close is sent: presence can only reuse the slot after it.
    this.load.set(agentKey, this.load.get(agentKey)! - 1);
    await this.probe.publish('handoff.conversation.closed', {
      conversationId,
      tenantId,
      reason: 'resolved',
      closedAt: new Date().toISOString(),
    });
    this.closed++;
  }
}
