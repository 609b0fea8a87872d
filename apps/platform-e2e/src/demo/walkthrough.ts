import { Topics } from '@handoff/contracts';
import { join, relative } from 'node:path';
import { startPlatform, repoRoot, type ServiceName } from '../support/platform.js';
import { TopicProbe } from '../support/topic-probe.js';

/**
 * The README's demo: starts the four services against the local broker and store, plays a
 * bot platform through one conversation that ends with a human agent, and prints each hop.
 */
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const mongoUrl = process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017';
const basePort = Number(process.env['DEMO_BASE_PORT'] ?? 3001);
const keepRunning = process.argv.includes('--keep-running');
const tenantId = 'demo';
const conversationId = `demo-${Date.now().toString(36)}`;
const logDir = join(repoRoot, '.local', 'logs');
const at = () => new Date().toISOString();
const say = (line: string) => console.log(line);

async function main(): Promise<void> {
  say('handoff demo: a bot conversation handed to a human agent\n');
  const probe = new TopicProbe(brokers, `demo-probe-${conversationId}`);
  await probe.start([Topics.AgentCommandResults, Topics.Escalations, Topics.RoutingDecisions, Topics.CustomerNotifications, Topics.ConversationControl, Topics.ConversationLifecycle, Topics.DeadLetter]);
  say(`starting conversation, sentiment, routing and presence (logs in ${relative(repoRoot, logDir)}/) ...`);
  const platform = await startPlatform({ runId: 'demo', brokers, mongoUrl, basePort, logDir });
  try {
    await walk(platform.url.bind(platform), probe);
    say('\nWhere to look:');
    for (const service of ['conversation', 'sentiment', 'routing', 'presence'] as ServiceName[]) {
      say(`  ${service.padEnd(12)} ${platform.url(service)}/health/ready  ${platform.url(service)}/metrics  log: ${relative(repoRoot, platform.logFile(service))}`);
    }
    say(`  contracts    libs/contracts/asyncapi.yaml (every topic and event)`);
    if (keepRunning) {
      say('\nThe platform keeps running; press Ctrl-C to stop it.');
      await new Promise<void>((resolve) => process.once('SIGINT', resolve));
    }
  } finally {
    await platform.stop();
    await probe.stop();
  }
  say('\nstopped the services.');
}

async function walk(url: (service: ServiceName) => string, probe: TopicProbe): Promise<void> {
  say('\n1. Agent Ana comes online: her desk sends handoff.agent.status.set (billing, proficiency 4; English and Spanish; 2 chats)');
  const commandId = `status-${conversationId}`;
  await probe.publish('handoff.agent.status.set', {
    commandId, requestedAt: at(), agentId: 'agent-ana', tenantId,
    displayName: 'Ana', status: 'online', skills: [{ name: 'billing', proficiency: 4 }], languages: ['en', 'es'], capacity: 2,
  });
  const answered = (await probe.waitFor("presence's answer to Ana's desk", (r) => r.topic === Topics.AgentCommandResults && r.json?.['data'].commandId === commandId, 60_000)).json!['data'];
  say(`   ${Topics.AgentCommands} -> presence -> ${Topics.AgentCommandResults}: ${answered.status}`);

  say(`\n2. The bot platform publishes conversation ${conversationId} to ${Topics.ConversationEvents}`);
  await probe.publish('handoff.conversation.started', {
    conversationId, tenantId, channel: 'web', language: 'en',
    customer: { customerId: 'cust-42', displayName: 'Sam Rivera', tier: 'standard' }, startedAt: at(),
  });
  const lines: [string, 'bot' | 'customer', string][] = [
    ['m1', 'bot', 'Hi! I am the Acme assistant. How can I help you today?'],
    ['m2', 'customer', 'I was charged twice for order A-1042.'],
    ['m3', 'bot', 'Sorry about that. I can help with billing questions. What would you like to do?'],
  ];
  for (const [messageId, sender, text] of lines) {
    await probe.publish('handoff.conversation.message.posted', { conversationId, tenantId, messageId, sender, text, sentAt: at() });
    say(`   ${sender.padEnd(8)} ${text}`);
  }
  await probe.publish('handoff.conversation.variable.collected', { conversationId, tenantId, name: 'topic', value: 'billing', collectedAt: at() });
  await probe.publish('handoff.conversation.variable.collected', { conversationId, tenantId, name: 'order_id', value: 'A-1042', collectedAt: at() });
  say('   variable topic = billing, order_id = A-1042');
  const ask = 'This is really frustrating. I want to talk to a human!';
  await probe.publish('handoff.conversation.message.posted', { conversationId, tenantId, messageId: 'm4', sender: 'customer', text: ask, sentAt: at() });
  say(`   customer ${ask}`);

  const byKey = (topic: string) => (r: { topic: string; key: string | null }) => r.topic === topic && r.key === conversationId;
  const escalation = (await probe.waitFor('escalation', byKey(Topics.Escalations), 60_000)).json!['data'];
  say(`\n3. sentiment -> ${Topics.Escalations}: ${escalation.trigger.kind} ("${escalation.trigger.matchedText}"), sentiment ${escalation.sentiment.label} (${escalation.sentiment.score})`);
  const decision = (await probe.waitFor('routing decision', byKey(Topics.RoutingDecisions), 60_000)).json!['data'];
  const who = decision.agent ? `${decision.agent.displayName} (${decision.agent.agentId})` : `queue: ${decision.queue?.reason}`;
  say(`4. routing put it in tenant ${tenantId}'s queue and asked presence over gRPC for the best free agent -> ${Topics.RoutingDecisions}: ${decision.outcome} ${who}`);
  const notice = (await probe.waitFor('notification', byKey(Topics.CustomerNotifications), 60_000)).json!['data'];
  say(`5. conversation -> ${Topics.CustomerNotifications}: "${notice.text}"`);
  const control = (await probe.waitFor('bot control', byKey(Topics.ConversationControl), 60_000)).json!['data'];
  say(`   conversation -> ${Topics.ConversationControl}: ${control.action} (${control.reason})`);

  const response = await fetch(`${url('conversation')}/conversations/${conversationId}`, { headers: { 'x-tenant-id': tenantId } });
  const conversation = (await response.json()) as Record<string, any>;
  say(`\n6. The agent opens GET ${url('conversation')}/conversations/${conversationId} (x-tenant-id: ${tenantId}) -> ${response.status}`);
  say(`   status ${conversation['status']}, ${conversation['transcript'].length} messages, variables ${JSON.stringify(conversation['variables'])}`);
  say(`   escalated because: ${conversation['escalation']?.explanation}`);

  say(`\n7. Ana resolves it; the bot platform reports handoff.conversation.ended (resolved)`);
  await probe.publish('handoff.conversation.ended', { conversationId, tenantId, reason: 'resolved', endedAt: at() });
  await probe.waitFor('conversation closed', byKey(Topics.ConversationLifecycle), 60_000);
  say(`   conversation -> ${Topics.ConversationLifecycle}: closed; presence gives Ana's chat slot back`);
  const agentUrl = `${url('presence')}/agents/${tenantId}/agent-ana`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const agent = (await (await fetch(agentUrl)).json()) as Record<string, unknown>;
    if (agent['activeChats'] === 0) {
      say(`   GET ${agentUrl} -> ${agent['activeChats']} active chats, ${agent['freeSlots']} free slots`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('presence did not give the slot back');
}

main().catch((error) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
