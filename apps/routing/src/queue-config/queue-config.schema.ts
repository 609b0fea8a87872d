import { z } from 'zod';

const name = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'lower case letters, digits, _ . - (at most 64)');
const seconds = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 3600);
const clock = /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** What happens to a conversation no agent will take now: it waits, or the customer is offered something else. */
export const policySchema = z.enum(['wait', 'callback', 'leave_message', 'stay_with_bot']);
export type WaitPolicy = z.infer<typeof policySchema>;
/** Where waiting is not an option (the queue is full, the wait is over). */
const elsewhereSchema = policySchema.exclude(['wait']);

export const strategySchema = z.enum([
  'most_skilled',
  'longest_idle',
  'least_loaded',
  'round_robin',
  'preferred_agent',
]);
export type Strategy = z.infer<typeof strategySchema>;

const relaxationSchema = z
  .object({
    afterSeconds: seconds.min(1),
    /** Lowers every required skill's minimum proficiency to this. */
    minProficiency: z.number().int().min(1).max(5).optional(),
    /** Agents speaking one of these languages will do too. */
    languages: z.array(z.string().min(2).max(35)).max(8).optional(),
    /** The conversation moves to this queue of the tenant (keeping its waiting time). */
    overflowTo: name.optional(),
  })
  .strict()
  .refine((step) => step.minProficiency || step.languages?.length || step.overflowTo, {
    message: 'a relaxation step lowers the proficiency, adds languages or overflows',
  });
export type Relaxation = z.infer<typeof relaxationSchema>;

const queueSchema = z
  .object({
    name,
    /** Which escalations enter: all criteria given must hold; the tenant's first matching queue wins. */
    match: z
      .object({
        topics: z.array(name).max(64).optional(),
        languages: z.array(z.string().min(2).max(35)).max(32).optional(),
        channels: z.array(name).max(16).optional(),
        minPriority: z.number().int().min(0).max(9).optional(),
      })
      .strict()
      .default({}),
    /** Skills every agent must hold; absent, the skill the escalation's topic names. */
    skills: z
      .array(z.object({ name, minProficiency: z.number().int().min(1).max(5) }).strict())
      .max(16)
      .optional(),
    teams: z.array(name).max(16).optional(),
    /** Which of an agent's capacities a conversation of this queue takes (chat, messaging, email…). */
    channel: name.default('chat'),
    /** Added to the escalation's priority (at most 9 in all). */
    priority: z.number().int().min(0).max(9).default(0),
    strategy: strategySchema.default('most_skilled'),
    /** With the preferred-agent strategy: how long to wait for the customer's last agent. */
    preferredAgentSeconds: seconds.default(30),
    serviceLevel: z
      .object({ targetSeconds: seconds.min(1), percent: z.number().min(1).max(100) })
      .strict()
      .optional(),
    /** How long an offered agent has to accept; 0 assigns directly; absent, the service's default. */
    offerTimeoutSeconds: seconds.max(600).optional(),
    maxSize: z.number().int().min(1).max(100_000).optional(),
    maxWaitSeconds: seconds.min(1).default(3600),
    /** Handle time assumed for wait estimates until handle times are observed. */
    expectedHandleSeconds: seconds.min(1).default(300),
    whenClosed: policySchema.default('leave_message'),
    whenNoAgents: policySchema.default('wait'),
    whenFull: elsewhereSchema.default('callback'),
    afterMaxWait: elsewhereSchema.default('leave_message'),
    relax: z.array(relaxationSchema).max(8).default([]),
  })
  .strict();
export type QueueConfig = z.infer<typeof queueSchema>;

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
const daySchema = z.array(z.string().regex(clock, 'HH:MM-HH:MM')).max(8);

export const businessHoursSchema = z
  .object({
    /** IANA time zone the hours are in. */
    timeZone: z.string().refine(isTimeZone, 'not a known IANA time zone'),
    /** Opening intervals per weekday; a day not given is closed. */
    weekly: z.object(Object.fromEntries(weekdays.map((day) => [day, daySchema.optional()]))),
    /** Closed days, as YYYY-MM-DD in that time zone. */
    closedOn: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
      .max(366)
      .default([]),
  })
  .strict();
export type BusinessHours = {
  timeZone: string;
  weekly: Partial<Record<Weekday, string[]>>;
  closedOn: string[];
};

const tenantSchema = z
  .object({
    businessHours: businessHoursSchema.optional(),
    /** Seconds of waiting worth one priority level, so low priorities still get served. */
    agingSeconds: seconds.min(1).default(60),
    /** Least time between two updates of a waiting customer's position. */
    positionUpdateSeconds: seconds.default(15),
    queues: z.array(queueSchema).min(1).max(200),
  })
  .strict()
  .superRefine((tenant, context) => {
    const names = new Set<string>();
    for (const queue of tenant.queues) {
      if (names.has(queue.name))
        context.addIssue({ code: 'custom', message: `queue ${queue.name} is defined twice` });
      names.add(queue.name);
    }
    for (const queue of tenant.queues)
      for (const step of queue.relax) {
        if (step.overflowTo && !names.has(step.overflowTo))
          context.addIssue({
            code: 'custom',
            message: `queue ${queue.name} overflows to ${step.overflowTo}, which is not a queue of the tenant`,
          });
        if (step.overflowTo === queue.name)
          context.addIssue({ code: 'custom', message: `queue ${queue.name} overflows to itself` });
      }
  });
export type TenantRouting = z.infer<typeof tenantSchema>;

/** Every tenant's queues; `*` applies to tenants not listed (without it, they are unknown). */
export const routingConfigFileSchema = z
  .object({ tenants: z.record(z.string().min(1).max(64), tenantSchema) })
  .strict()
  .refine((file) => Object.keys(file.tenants).length > 0, 'no tenant is configured');
export type RoutingConfigFile = z.infer<typeof routingConfigFileSchema>;

export { weekdays };

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
