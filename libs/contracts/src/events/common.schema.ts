/** Schema fragments shared by several events; each event schema inlines them. */
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

export const variableValueSchema = {
  type: ['string', 'number', 'boolean'],
} as const;

export const variablesSchema = {
  type: 'object',
  description: 'Variables the bot collected, by name',
  propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,63}$' },
  additionalProperties: variableValueSchema,
} as const;

export const sentimentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['score', 'label'],
  properties: {
    score: { type: 'number', minimum: -1, maximum: 1 },
    label: { type: 'string', enum: ['negative', 'neutral', 'positive'] },
  },
} as const;
