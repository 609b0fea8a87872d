import type { EventData } from '../event-data.js';
import { configVersionSchema } from './config-version.schema.js';
import { identifierSchema, skillNameSchema, timestampSchema } from '../common.schema.js';

export const triggersPublishedType = 'handoff.tenant.triggers.published';

/** Longest rule set source (JSON or YAML) a tenant may publish. */
export const maxTriggerRulesSourceLength = 64 * 1024;

const enabled = {
  type: 'boolean',
  description: 'Whether this trigger runs (default true)',
} as const;
const priority = {
  type: 'integer',
  minimum: 0,
  maximum: 9,
  description: 'Priority an escalation gets when this fires (higher is served first)',
} as const;
const count = (description: string) =>
  ({ type: 'integer', minimum: 1, maximum: 100, description }) as const;
const ratio = (description: string) =>
  ({ type: 'number', minimum: 0, maximum: 1, description }) as const;
const sentimentScore = (description: string) =>
  ({ type: 'number', minimum: -1, maximum: 1, description }) as const;

/**
 * A tenant's escalation rules. Every section and field is optional: what a tenant leaves out keeps
 * the platform default, so `{}` is the default rule set. Objects stay open, as every contract's
 * do; the gateway refuses fields it does not know at upload, so a typo is not silently ignored.
 */
export const triggerRulesSchema = {
  type: 'object',
  properties: {
    explicitRequest: {
      type: 'object',
      properties: { enabled, priority },
    },
    keywords: {
      type: 'object',
      properties: {
        enabled,
        lists: {
          type: 'array',
          maxItems: 32,
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,31}$' },
              terms: {
                type: 'array',
                maxItems: 200,
                items: { type: 'string', minLength: 1, maxLength: 100 },
                description:
                  'Words or phrases, matched on word boundaries, ignoring case and accents',
              },
              patterns: {
                type: 'array',
                maxItems: 50,
                items: { type: 'string', minLength: 1, maxLength: 200 },
                description: 'Regular expressions over the case- and accent-folded message',
              },
              priority,
              skill: skillNameSchema,
            },
          },
        },
      },
    },
    sentiment: {
      type: 'object',
      properties: {
        enabled,
        below: sentimentScore('Fires when one message scores below this'),
        frustrationAbove: ratio('Fires when one message is more frustrated than this'),
        falling: {
          type: 'object',
          properties: {
            turns: count('Over how many customer turns the smoothed sentiment is compared'),
            drop: { type: 'number', minimum: 0, maximum: 2, description: 'How far it must fall' },
            below: sentimentScore('And end below this'),
          },
        },
        priority,
      },
    },
    repetition: {
      type: 'object',
      properties: {
        enabled,
        similarity: ratio('How alike two messages must be to count as the same (1 is identical)'),
        times: count('How many times the customer says the same thing before it fires'),
        sameIntentTimes: count('How many times in a row the bot reads the same intent'),
        priority,
      },
    },
    botTrouble: {
      type: 'object',
      properties: {
        enabled,
        fallbacks: count('Fallbacks (no match) in the conversation before it fires'),
        lowConfidence: ratio(
          'An intent read with less confidence than this is a low-confidence turn',
        ),
        lowConfidenceTimes: count('Low-confidence turns before it fires'),
        priority,
      },
    },
    loops: {
      type: 'object',
      properties: {
        enabled,
        sameAnswerTimes: count('How many times the bot gives the same answer before it fires'),
        priority,
      },
    },
    businessRules: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['name', 'when'],
        properties: {
          name: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' },
          when: {
            type: 'string',
            minLength: 1,
            maxLength: 500,
            description:
              'A boolean expression over the conversation (turns, minutes, sentiment, frustration, fallbacks, tier, language, channel, intent, variables.<name>)',
          },
          explanation: { type: 'string', maxLength: 300 },
          priority,
          skill: skillNameSchema,
        },
      },
    },
    escalationScore: {
      type: 'object',
      properties: {
        enabled,
        threshold: ratio('Fires when the trained escalation score reaches this'),
        priority,
      },
    },
    intentSkills: {
      type: 'object',
      maxProperties: 500,
      additionalProperties: skillNameSchema,
      description: 'The skill an agent needs, by the intent the bot detected',
    },
    cooldownMinutes: {
      type: 'number',
      minimum: 0,
      maximum: 1440,
      description: 'After a conversation returns to the bot, how long before it may escalate again',
    },
  },
} as const;

export const triggersPublishedSchema = {
  $id: 'https://schemas.handoff.dev/events/tenant-triggers-published.json',
  title: 'TriggersPublished',
  description:
    "A tenant's escalation rule set. It replaces the tenant's previous set; what it leaves out keeps the platform default. The gateway refuses a set that is invalid, saying which line is wrong, before publishing; the sentiment service checks again, dead-letters such a set and keeps the previous one.",
  type: 'object',
  required: ['tenantId', 'version', 'rules', 'publishedAt'],
  properties: {
    tenantId: identifierSchema,
    version: configVersionSchema,
    rules: triggerRulesSchema,
    publishedBy: { type: 'string', maxLength: 128 },
    publishedAt: timestampSchema,
  },
} as const;

export type TriggersPublished = EventData<typeof triggersPublishedSchema>;
export type TriggerRules = TriggersPublished['rules'];
