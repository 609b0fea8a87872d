import { Topics } from '@handoff/contracts';
import { join, relative } from 'node:path';
import { repoRoot, services, startPlatform, type ServiceName } from '../support/platform.js';
import { DeskClient } from '../support/desk-client.js';
import { devToken } from '../support/dev-tokens.js';
import { TopicProbe, type ProbedRecord } from '../support/topic-probe.js';

/**
 * The README's demo: starts the services and the gateway against the local broker and store, plays
 * a bot platform and an agent's desk through one conversation, from the bot to a human and back,
 * and prints each hop.
 */
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const mongoUrl = process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017';
const basePort = Number(process.env['DEMO_BASE_PORT'] ?? 3001);
const keepRunning = process.argv.includes('--keep-running');
const tenantId = 'acme';
const conversationId = `demo-${Date.now().toString(36)}`;
const logDir = join(repoRoot, '.local', 'logs');
const at = () => new Date().toISOString();
const say = (line: string) => console.log(line);

async function main(): Promise<void> {
  say('handoff demo: a bot conversation handed to a human agent\n');
  const probe = new TopicProbe(brokers, `demo-probe-${conversationId}`);
  await probe.start([
    Topics.AgentCommandResults,
    Topics.Escalations,
    Topics.RoutingDecisions,
    Topics.CustomerNotifications,
    Topics.ConversationControl,
    Topics.ConversationLifecycle,
    Topics.AgentMessages,
    Topics.ConversationContext,
    Topics.Feedback,
    Topics.DeadLetter,
  ]);
  say(
    `starting conversation, sentiment, routing, presence and the gateway (logs in ${relative(repoRoot, logDir)}/) ...`,
  );
  const platform = await startPlatform({
    runId: 'demo',
    brokers,
    mongoUrl,
    basePort,
    logDir,
    env: {
      // Offers Ana accepts from her desk, and acme's articles and suggested replies for the context packet.
      ROUTING_OFFER_TIMEOUT_MS: '60000',
      CONVERSATION_KNOWLEDGE_FILE: join(
        repoRoot,
        'apps',
        'conversation',
        'knowledge',
        'sample-knowledge.json',
      ),
    },
  });
  try {
    await walk(platform.url.bind(platform), probe);
    say('\nWhere to look:');
    for (const service of services) {
      say(
        `  ${service.padEnd(12)} ${platform.url(service)}/health/ready  ${platform.url(service)}/metrics  log: ${relative(repoRoot, platform.logFile(service))}`,
      );
    }
    say(`  contracts    libs/contracts/asyncapi.yaml (every topic and event)`);
    const anaToken = await devToken({ tenant: tenantId, role: 'agent', sub: 'agent-ana' });
    say(`  desk         ${platform.url('gateway')}/desk/#token=${anaToken} (Ana's web desk)`);
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
  const ana = new DeskClient(
    url('gateway'),
    await devToken({ tenant: tenantId, role: 'agent', sub: 'agent-ana' }),
  );
  say(
    `\n1. Agent Ana signs in (a token of the development issuer: npm run token -- --tenant ${tenantId} --role agent --sub agent-ana)`,
  );
  const online = await ana.setStatus({
    displayName: 'Ana',
    status: 'available',
    skills: [{ name: 'billing', proficiency: 4 }],
    languages: ['en', 'es'],
    capacity: 2,
  });
  say(
    `   PUT ${url('gateway')}/v1/me/status -> ${online.status} ${online.body.status} (gateway -> ${Topics.AgentCommands} -> presence -> ${Topics.AgentCommandResults})`,
  );

  say(
    `\n2. The bot platform publishes conversation ${conversationId} to ${Topics.ConversationEvents}`,
  );
  await probe.publish('handoff.conversation.started', {
    conversationId,
    tenantId,
    channel: 'web',
    language: 'en',
    customer: { customerId: 'cust-42', displayName: 'Sam Rivera' },
    startedAt: at(),
  });
  await probe.publish('handoff.conversation.customer.profile', {
    conversationId,
    tenantId,
    updatedAt: at(),
    customer: {
      customerId: 'cust-42',
      tier: 'gold',
      email: 'sam.rivera@example.com',
      attributes: { plan: 'family' },
    },
  });
  const lines: [
    string,
    'bot' | 'customer',
    string,
    { intent: string; confidence: number; fallback?: boolean }?,
  ][] = [
    ['m1', 'bot', 'Hi! I am the Acme assistant. How can I help you today?'],
    ['m2', 'customer', 'I was charged twice for order A-1042 and I need a refund.'],
    [
      'm3',
      'bot',
      'I can help with refunds. Which order is it?',
      { intent: 'billing.refund', confidence: 0.91 },
    ],
    ['m4', 'customer', 'I told you, A-1042. The double charge is still on my card.'],
    [
      'm5',
      'bot',
      'Sorry, I did not get that.',
      { intent: 'billing.refund', confidence: 0.32, fallback: true },
    ],
  ];
  for (const [messageId, sender, text, bot] of lines) {
    await probe.publish('handoff.conversation.message.posted', {
      conversationId,
      tenantId,
      messageId,
      sender,
      text,
      sentAt: at(),
      ...(bot ? { bot } : {}),
    });
    say(
      `   ${sender.padEnd(8)} ${text}${bot ? `  (${bot.intent} ${bot.confidence}${bot.fallback ? ', fallback' : ''})` : ''}`,
    );
  }
  await probe.publish('handoff.conversation.bot.fallback', {
    fallbackId: `fb-${conversationId}`,
    conversationId,
    tenantId,
    messageId: 'm4',
    confidence: 0.32,
    occurredAt: at(),
  });
  await probe.publish('handoff.conversation.variable.collected', {
    conversationId,
    tenantId,
    name: 'topic',
    value: 'billing',
    collectedAt: at(),
  });
  await probe.publish('handoff.conversation.variable.collected', {
    conversationId,
    tenantId,
    name: 'order_id',
    value: 'A-1042',
    collectedAt: at(),
  });
  say(
    '   variable topic = billing, order_id = A-1042; a bot fallback; the customer profile (gold tier)',
  );
  const ask = 'This is really frustrating. I want to talk to a human!';
  await probe.publish('handoff.conversation.message.posted', {
    conversationId,
    tenantId,
    messageId: 'm6',
    sender: 'customer',
    text: ask,
    sentAt: at(),
  });
  say(`   customer ${ask}`);

  const mine =
    (topic: string, accept: (data: any) => boolean = () => true) =>
    (r: ProbedRecord) =>
      r.topic === topic && r.key === conversationId && accept(r.json?.['data']);
  const wait = async (what: string, topic: string, accept?: (data: any) => boolean) =>
    (await probe.waitFor(what, mine(topic, accept), 60_000)).json!['data'];
  const escalation = await wait('escalation', Topics.Escalations);
  say(
    `\n3. sentiment -> ${Topics.Escalations}: priority ${escalation.priority}, sentiment ${escalation.sentiment.label} (${escalation.sentiment.score})`,
  );
  for (const fired of escalation.triggers ?? [escalation.trigger])
    say(
      `   ${fired.kind}: ${fired.explanation}${fired.matchedText ? ` ("${fired.matchedText}")` : ''}`,
    );
  const connecting = await wait(
    'connecting notice',
    Topics.CustomerNotifications,
    (d) => d.template === 'handoff.connecting',
  );
  say(`   conversation -> ${Topics.CustomerNotifications}: "${connecting.text}"`);
  const offered = await wait('offer', Topics.RoutingDecisions, (d) => d.outcome === 'offered');
  say(
    `4. routing -> ${Topics.RoutingDecisions}: offered to ${offered.agent.displayName} until ${offered.offer.expiresAt} (queue ${offered.routedBy?.queue})`,
  );

  const offers = await ana.offers();
  say(
    `\n5. Ana's desk: GET /v1/me/offers -> ${offers.body.offers?.length ?? 0} offer(s); she accepts`,
  );
  const accepted = await ana.accept(offered.offer.offerId, conversationId);
  say(
    `   POST /v1/offers/${offered.offer.offerId}/accept -> ${accepted.status} ${accepted.body.status}`,
  );
  const assigned = await wait(
    'assignment',
    Topics.RoutingDecisions,
    (d) => d.outcome === 'assigned',
  );
  const joined = await wait(
    'agent joined notice',
    Topics.CustomerNotifications,
    (d) => d.template === 'handoff.agent_joined',
  );
  const paused = await wait(
    'bot paused',
    Topics.ConversationControl,
    (d) => d.action === 'pause_bot' && d.reason === 'agent_assigned',
  );
  say(
    `   routing -> ${assigned.outcome} ${assigned.agent.displayName}; the customer hears "${joined.text}"; the bot: ${paused.action}`,
  );

  const packet = (await ana.context(conversationId)).body;
  say(
    `\n6. The context packet (GET /v1/conversations/${conversationId}/context), also on ${Topics.ConversationContext}:`,
  );
  say(
    `   customer ${packet.customer.displayName} (${packet.customer.tier}), variables ${JSON.stringify(packet.variables)}, ${packet.transcript.totalMessages} messages`,
  );
  say(
    `   why: ${packet.triggers.map((t: { kind: string; explanation: string }) => `${t.kind}: ${t.explanation}`).join('; ')}`,
  );
  say(
    `   bot tried: ${packet.botAttempts.intents.map((i: { intent: string; count: number }) => `${i.intent} x${i.count}`).join(', ')}; ${packet.botAttempts.fallbacks} fallback(s)`,
  );
  say(
    `   sentiment: ${packet.sentiment.trajectory.map((p: { score: number }) => p.score.toFixed(2)).join(' -> ')} (${packet.sentiment.trend ?? 'no trend'})`,
  );
  say(`   summary: ${packet.summary.sentences.join(' ')}`);
  say(
    `   suggested article: ${packet.suggestions.articles[0]?.title ?? '-'}; suggested reply: "${packet.suggestions.replies[0]?.text ?? '-'}"`,
  );

  const text = 'Hi Sam, I am Ana. I can see the double charge on A-1042; I have refunded it.';
  const replied = await ana.reply(conversationId, text);
  const delivered = await wait('agent message', Topics.AgentMessages);
  say(
    `\n7. Ana replies (POST /v1/conversations/${conversationId}/messages -> ${replied.status}); ${Topics.AgentMessages} for the bot platform: "${delivered.text}"`,
  );

  const resolved = await ana.resolve(conversationId, {
    disposition: 'solved',
    summary: 'Refunded the double charge on A-1042',
    handoffNeeded: true,
  });
  say(
    `\n8. Ana resolves it (disposition solved; "was this handoff needed?" yes) -> ${resolved.status} ${resolved.body.status}`,
  );
  const closed = await wait('conversation closed', Topics.ConversationLifecycle);
  const resumed = await wait(
    'bot resumed',
    Topics.ConversationControl,
    (d) => d.action === 'resume_bot',
  );
  const survey = await wait(
    'CSAT survey',
    Topics.CustomerNotifications,
    (d) => d.template === 'handoff.csat',
  );
  say(
    `   ${Topics.ConversationLifecycle}: closed (${closed.reason}); presence gives Ana's slot back`,
  );
  say(`   back to the bot: ${resumed.action} (${resumed.reason}) with "${resumed.summary}"`);
  say(`   the customer is asked: "${survey.text}"`);
  const rated = await wait('handoff feedback', Topics.Feedback, (d) => d.needed !== undefined);
  say(
    `   ${Topics.Feedback}: handoff needed = ${rated.needed} (triggers ${rated.triggers.join(', ')})`,
  );

  await probe.publish('handoff.conversation.message.posted', {
    conversationId,
    tenantId,
    messageId: 'm7',
    sender: 'customer',
    text: '5',
    sentAt: at(),
  });
  const csat = await wait('CSAT recorded', Topics.Feedback, (d) => d.score !== undefined);
  say(
    `\n9. The customer answers "5" -> ${Topics.Feedback}: CSAT ${csat.score} for ${csat.agentId}`,
  );
}

main().catch((error) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
