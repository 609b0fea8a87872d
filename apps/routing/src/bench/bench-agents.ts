import type { AgentStatusChanged, RoutingEnqueued } from '@handoff/contracts';
import type { SeededRandom } from '@handoff/service-kit';

export const skills = Array.from(
  { length: 100 },
  (_, index) => `skill-${String(index).padStart(2, '0')}`,
);
export const languages = [
  'en',
  'es',
  'fr',
  'de',
  'pt',
  'it',
  'nl',
  'sv',
  'pl',
  'tr',
  'ru',
  'ja',
  'zh',
  'ko',
  'ar',
  'hi',
  'id',
  'vi',
  'th',
  'cs',
];
const regional: Record<string, string> = { en: 'en-GB', pt: 'pt-BR', es: 'es-MX', fr: 'fr-CA' };

/** Agents of one tenant: four skills of a hundred at proficiency 1–5, one or two languages, capacity 1–5. */
export function benchAgents(
  tenantId: string,
  count: number,
  random: SeededRandom,
): AgentStatusChanged[] {
  return Array.from({ length: count }, (_, index) => {
    const held = new Map<string, number>();
    while (held.size < 4) held.set(random.pick(skills), random.int(1, 5));
    const spoken = new Set<string>();
    while (spoken.size < random.int(1, 2)) {
      const language = random.pick(languages);
      spoken.add(regional[language] && random.next() < 0.3 ? regional[language] : language);
    }
    return {
      agentId: `agent-${index}`,
      tenantId,
      displayName: `Agent ${index}`,
      status: 'online',
      skills: [...held].map(([name, proficiency]) => ({ name, proficiency })),
      languages: [...spoken],
      capacity: random.int(1, 5),
    };
  });
}

/**
 * An escalation with mixed requirements: most need one skill in one language, some any agent, and
 * one in fifty a skill nobody has (it waits, and every drain tries it again).
 */
export function benchEscalation(
  tenantId: string,
  index: number,
  random: SeededRandom,
): RoutingEnqueued {
  const language = random.pick(languages);
  return {
    escalationId: `esc-${index}`,
    conversationId: `conv-${index}`,
    tenantId,
    requirements: {
      language: regional[language] && random.next() < 0.3 ? regional[language] : language,
      skills: requiredSkills(random),
    },
    priority: random.next() < 0.1 ? 5 : 0,
    enqueuedAt: new Date().toISOString(),
  };
}

function requiredSkills(random: SeededRandom): RoutingEnqueued['requirements']['skills'] {
  const draw = random.next();
  if (draw < 0.02) return [{ name: 'skill-nobody-has', minProficiency: 1 }];
  if (draw < 0.8) return [{ name: random.pick(skills), minProficiency: random.int(1, 3) }];
  return [];
}
