/**
 * Schema fragments shared by several events; each event schema inlines them.
 *
 * Every object schema is open (no `additionalProperties: false`): consumers ignore fields they do
 * not know, so a producer may add an optional field without breaking anyone (see COMPATIBILITY.md).
 */
export const identifierSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]*$',
} as const;

export const languageSchema = {
  type: 'string',
  description: 'BCP 47 language tag, e.g. en or pt-BR',
  pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$',
} as const;

export const timestampSchema = { type: 'string', format: 'date-time' } as const;

export const skillNameSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z0-9][a-z0-9_-]*$',
} as const;

/** A conversation channel an agent takes (chat, messaging, email, voice…), named like a skill. */
export const channelNameSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 32,
  pattern: '^[a-z0-9][a-z0-9_-]*$',
} as const;

/** Longest string value a collected variable may hold; keeps every event that carries variables bounded. */
export const maxVariableLength = 1000;
/** Most distinct variables one conversation may collect. */
export const maxVariablesPerConversation = 64;

export const variableValueSchema = {
  type: ['string', 'number', 'boolean'],
  maxLength: maxVariableLength,
} as const;

export const variableNamePattern = '^[A-Za-z_][A-Za-z0-9_-]{0,63}$';

export const variablesSchema = {
  type: 'object',
  description: `Variables the bot collected, by name (at most ${maxVariablesPerConversation})`,
  maxProperties: maxVariablesPerConversation,
  propertyNames: { pattern: variableNamePattern },
  additionalProperties: variableValueSchema,
} as const;

export const extensibleEnumKeyword = 'x-extensible-enum';

/**
 * A string field whose known values may grow within a topic version. The values listed are the
 * ones this version knows; a consumer that meets another value treats it as its field says
 * (ignored, or a safe default), never as invalid input.
 */
export function extensibleEnum<const V extends readonly string[]>(values: V, description?: string) {
  return {
    type: 'string',
    minLength: 1,
    maxLength: 64,
    pattern: '^[a-z][a-z0-9_.-]*$',
    [extensibleEnumKeyword]: values,
    ...(description ? { description } : {}),
  } as const;
}

export const sentimentSchema = {
  type: 'object',
  required: ['score', 'label'],
  properties: {
    score: { type: 'number', minimum: -1, maximum: 1 },
    label: extensibleEnum(['negative', 'neutral', 'positive']),
  },
} as const;

/** What an agent must bring to take a conversation. */
export const requirementsSchema = {
  type: 'object',
  required: ['skills', 'language'],
  properties: {
    language: languageSchema,
    skills: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'minProficiency'],
        properties: {
          name: skillNameSchema,
          minProficiency: { type: 'integer', minimum: 1, maximum: 5 },
        },
      },
    },
  },
} as const;

/** What the bot understood of the customer, on the bot's messages. */
export const botUnderstandingSchema = {
  type: 'object',
  description: 'What the bot understood, for bot messages',
  properties: {
    intent: { type: 'string', maxLength: 128 },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    fallback: { type: 'boolean' },
  },
} as const;
