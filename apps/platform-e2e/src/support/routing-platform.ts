import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topics } from '@handoff/contracts';
import { freePorts } from '../faults/fault-harness.js';
import { groupIdOf, startService, type RunningService } from './platform.js';
import { startNewGroupsAtEnd } from './new-groups-at-end.js';
import { testInfra } from './test-infra.js';
import { pollUntil, TopicProbe, type ProbedRecord } from './topic-probe.js';
import { readAgent } from './agent-reads.js';

/**
 * Presence and routing started for one test file with the tenants' queues it gives, and a probe
 * reading the topics it names (the dead-letter topic always). Ready once routing has caught up.
 */
export class RoutingPlatform {
  readonly services: RunningService[] = [];
  probe!: TopicProbe;
  /** The dead letter of the marker escalation that showed routing had caught up. */
  markerDeadLetter!: ProbedRecord;

  constructor(
    private readonly runId: string,
    private readonly queueFile: object,
    private readonly topics: string[],
  ) {}

  get presenceUrl(): string {
    return this.services[0]!.url;
  }

  async start(): Promise<void> {
    const { brokers, mongoUrl } = testInfra();
    const file = join(mkdtempSync(join(tmpdir(), 'handoff-queues-')), 'queues.json');
    writeFileSync(file, JSON.stringify(this.queueFile));
    const [grpcPort, presencePort, routingPort] = await freePorts(3);
    const base = { runId: this.runId, brokers, mongoUrl, grpcPort: grpcPort! };
    const env = { ROUTING_QUEUES_FILE: file };
    await startNewGroupsAtEnd(brokers, [
      groupIdOf('presence', this.runId),
      groupIdOf('routing', this.runId),
    ]);
    this.services.push(startService('presence', { ...base, httpPort: presencePort!, env }));
    this.services.push(startService('routing', { ...base, httpPort: routingPort!, env }));
    await Promise.all(this.services.map((service) => service.waitUntilReady()));
    this.probe = new TopicProbe(brokers, `${this.runId}-probe`);
    await this.probe.start([...this.topics, Topics.DeadLetter]);
    this.markerDeadLetter = await this.untilRoutingCaughtUp();
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((service) => service.stop()));
    await this.probe?.stop();
  }

  /** Waits until presence shows the agent, as `accept` wants them when given. */
  async untilPresenceShows(
    tenantId: string,
    agentId: string,
    accept: (agent: Record<string, unknown>) => boolean = () => true,
  ): Promise<void> {
    await pollUntil(`presence to show ${tenantId}/${agentId}`, async () => {
      const response = await readAgent(this.presenceUrl, tenantId, agentId);
      if (!response.ok) return undefined;
      return accept((await response.json()) as Record<string, unknown>) ? true : undefined;
    });
  }

  /** Publishes an escalation as sentiment does when the customer asks for a human. */
  escalate(
    tenantId: string,
    conversationId: string,
    options: { variables?: Record<string, string>; channel?: string; requestedAt?: number } = {},
  ): Promise<void> {
    return this.probe.publish('handoff.escalation.requested', {
      escalationId: `esc:${conversationId}`,
      conversationId,
      tenantId,
      language: 'en',
      ...(options.channel ? { channel: options.channel } : {}),
      trigger: { kind: 'explicit_request', explanation: 'asked for a human', messageId: 'm1' },
      sentiment: { score: -0.4, label: 'negative' },
      variables: options.variables ?? {},
      requestedAt: new Date(options.requestedAt ?? Date.now()).toISOString(),
    });
  }

  /** The bot platform reports the conversation resolved. */
  close(tenantId: string, conversationId: string): Promise<void> {
    return this.probe.publish('handoff.conversation.closed', {
      conversationId,
      tenantId,
      reason: 'resolved',
      closedAt: new Date().toISOString(),
    });
  }

  /**
   * A new routing group reads the escalations topic from its start, earlier runs' included: an
   * escalation of a tenant the queue file does not list is dead-lettered once routing reaches it.
   */
  private async untilRoutingCaughtUp(): Promise<ProbedRecord> {
    const conversationId = `stranger-${this.runId}-c1`;
    await this.escalate(`stranger-${this.runId}`, conversationId);
    return this.probe.waitFor(
      'routing to reach a marker escalation',
      (record) => record.topic === Topics.DeadLetter && record.key === conversationId,
      120_000,
    );
  }
}
