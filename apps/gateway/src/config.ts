import { Topics } from '@handoff/contracts';
import { kafkaEnv, messagingOptionsFrom } from '@handoff/messaging';
import { authEnv, authOptionsFrom, baseEnv, loadConfig, runtimeFrom } from '@handoff/service-kit';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadWebhookSecrets } from './webhooks/webhook-secrets.js';

const gatewayEnv = z.object({
  ...baseEnv('gateway', 3005),
  ...kafkaEnv('gateway'),
  ...authEnv(),
  CONVERSATION_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3001'),
  PRESENCE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3004'),
  GATEWAY_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  GATEWAY_READ_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  GATEWAY_STREAM_BUFFER_SIZE: z.coerce.number().int().min(10).max(1_000_000).default(10_000),
  GATEWAY_STREAM_RESUME_OVERLAP_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  GATEWAY_STREAM_HEARTBEAT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
  GATEWAY_WEBHOOK_SECRETS_FILE: z.string().min(1).optional(),
  // The web desk's files (its static/ and dist/), beside the gateway's in the repository and image.
  GATEWAY_DESK_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../desk/', import.meta.url))),
  GATEWAY_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
});

export type GatewayConfig = ReturnType<typeof toGatewayConfig>;

/** Topics whose events are streamed to desks; the results topic also answers waiting commands. */
export const streamedTopics = [
  Topics.RoutingDecisions,
  Topics.AgentCommandResults,
  Topics.ConversationContext,
  Topics.CustomerNotifications,
  Topics.AgentMessages,
  Topics.AgentAvailability,
  Topics.ConversationMessages,
] as const;

function toGatewayConfig(env: z.output<typeof gatewayEnv>) {
  const messaging = messagingOptionsFrom(env, {
    source: '/handoff/gateway',
    topics: [
      ...streamedTopics,
      Topics.AgentCommands,
      Topics.ConversationEvents,
      Topics.TenantConfig,
    ],
  });
  return {
    runtime: runtimeFrom(env),
    auth: authOptionsFrom(env),
    conversationUrl: env.CONVERSATION_URL.replace(/\/+$/, ''),
    /** Where agents' presence is read (the presence service's HTTP port). */
    presenceUrl: env.PRESENCE_URL.replace(/\/+$/, ''),
    /** How long an HTTP command waits for its result before answering 504 with the commandId. */
    commandTimeoutMs: env.GATEWAY_COMMAND_TIMEOUT_MS,
    readTimeoutMs: env.GATEWAY_READ_TIMEOUT_MS,
    /** Events kept per instance for desks that reconnect with Last-Event-ID. */
    streamBufferSize: env.GATEWAY_STREAM_BUFFER_SIZE,
    streamHeartbeatMs: env.GATEWAY_STREAM_HEARTBEAT_MS,
    /**
     * A desk that reconnects to another instance gets every event from this long before the last
     * one it saw: instances stream in their own orders, and producers' clocks differ.
     */
    streamResumeOverlapMs: env.GATEWAY_STREAM_RESUME_OVERLAP_MS,
    webhookSecrets: env.GATEWAY_WEBHOOK_SECRETS_FILE
      ? loadWebhookSecrets(env.GATEWAY_WEBHOOK_SECRETS_FILE)
      : new Map<string, string[]>(),
    webhookToleranceSeconds: env.GATEWAY_WEBHOOK_TOLERANCE_SECONDS,
    deskDir: env.GATEWAY_DESK_DIR,
    messaging: {
      ...messaging,
      // Every instance must see every result and live event: a group of its own, from now on.
      groupId: `${messaging.groupId}-${randomBytes(6).toString('hex')}`,
      newGroupStartsAt: 'latest' as const,
    },
  };
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return toGatewayConfig(loadConfig(gatewayEnv, env));
}
