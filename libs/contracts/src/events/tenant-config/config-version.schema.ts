/** The version of a tenant's configuration set: a newer set replaces the current one, an older one is ignored. */
export const configVersionSchema = {
  type: 'integer',
  minimum: 1,
  description: 'Grows with each set; an older one is ignored',
} as const;
