import { skillNameSchema, type EscalationRequested } from '@handoff/contracts';

export interface Requirements {
  language: string;
  skills: { name: string; minProficiency: number }[];
}

const skillPattern = new RegExp(skillNameSchema.pattern);
const premiumTiers = new Set(['vip', 'premium', 'gold', 'platinum']);

/**
 * What the agent must bring: the conversation's language, and the skill the bot's collected
 * `topic` names (stronger for premium customers). No topic means any agent will do.
 */
export function requirementsFor(escalation: EscalationRequested): Requirements {
  const topic = escalation.variables['topic'];
  const tier = escalation.variables['customer_tier'];
  const skills: Requirements['skills'] = [];
  if (typeof topic === 'string') {
    const name = topic.trim().toLowerCase();
    if (name.length <= skillNameSchema.maxLength && skillPattern.test(name)) {
      const minProficiency = typeof tier === 'string' && premiumTiers.has(tier.toLowerCase()) ? 3 : 1;
      skills.push({ name, minProficiency });
    }
  }
  return { language: escalation.language, skills };
}
