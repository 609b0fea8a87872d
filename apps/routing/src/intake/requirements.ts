import { identifierSchema, skillNameSchema, type EscalationRequested } from '@handoff/contracts';

export interface Requirements {
  language: string;
  skills: { name: string; minProficiency: number }[];
}

const skillPattern = new RegExp(skillNameSchema.pattern);
const identifierPattern = new RegExp(identifierSchema.pattern);
const premiumTiers = new Set(['vip', 'premium', 'gold', 'platinum']);

/** Premium customers are served before others waiting in the same queue. */
export const premiumPriority = 5;

function isPremium(escalation: EscalationRequested): boolean {
  const tier = escalation.variables['customer_tier'];
  return typeof tier === 'string' && premiumTiers.has(tier.toLowerCase());
}

/** The triggers' priority, raised for premium customers. */
export function priorityFor(escalation: EscalationRequested): number {
  return Math.max(escalation.priority ?? 0, isPremium(escalation) ? premiumPriority : 0);
}

/**
 * What the agent must bring: the conversation's language, and the skills the triggers named (from
 * the tenant's intent and keyword maps) or else the one the bot's collected `topic` names; stronger
 * for premium customers. No skill means any agent will do.
 */
export function requirementsFor(escalation: EscalationRequested): Requirements {
  const topic = escalation.variables['topic'];
  const named = escalation.skills?.length
    ? escalation.skills
    : typeof topic === 'string'
      ? [topic.trim().toLowerCase()]
      : [];
  const minProficiency = isPremium(escalation) ? 3 : 1;
  const skills = named
    .filter((name) => name.length <= skillNameSchema.maxLength && skillPattern.test(name))
    .map((name) => ({ name, minProficiency }));
  return { language: escalation.language, skills };
}

/** The customer's last agent, when the bot collected it (`last_agent_id`) and it is a valid id. */
export function preferredAgentFor(escalation: EscalationRequested): string | undefined {
  const agentId = escalation.variables['last_agent_id'];
  return typeof agentId === 'string' &&
    agentId.length <= identifierSchema.maxLength &&
    identifierPattern.test(agentId)
    ? agentId
    : undefined;
}
