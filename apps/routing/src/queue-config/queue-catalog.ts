import type { RoutingEnqueued } from '@handoff/contracts';
import {
  routingConfigFileSchema,
  type QueueConfig,
  type Relaxation,
  type RoutingConfigFile,
  type TenantRouting,
} from './queue-config.schema.js';

/** Used when no queue file is given: every tenant has one queue that takes everything. */
export const defaultRoutingConfig: RoutingConfigFile = routingConfigFileSchema.parse({
  tenants: { '*': { queues: [{ name: 'default' }] } },
});

/** What an escalation says about itself when it looks for its queue. */
export interface Arrival {
  topic?: string;
  language: string;
  channel?: string;
  priority: number;
}

export type Selection = { queue: QueueConfig; tenant: TenantRouting } | { rejected: string };

/** How a waiting conversation is placed now, after the relaxation steps its wait has reached. */
export interface Placing {
  queue: QueueConfig;
  requirements: RoutingEnqueued['requirements'];
  /** Other languages that will do, added by relaxation. */
  otherLanguages: string[];
  /** Steps the wait has reached. */
  relaxedSteps: number;
  /** When (seconds into the wait) the next step applies, if one is left. */
  nextStepAfterSeconds?: number;
}

/** Each tenant's queues as configured, with the rules that pick and relax them. */
export class QueueCatalog {
  constructor(private readonly config: RoutingConfigFile = defaultRoutingConfig) {}

  tenant(tenantId: string): TenantRouting | undefined {
    return this.config.tenants[tenantId] ?? this.config.tenants['*'];
  }

  queue(tenantId: string, name: string): QueueConfig | undefined {
    return this.tenant(tenantId)?.queues.find((queue) => queue.name === name);
  }

  /** The tenant's first queue whose criteria the escalation meets, or why there is none. */
  select(tenantId: string, arrival: Arrival): Selection {
    const tenant = this.tenant(tenantId);
    if (!tenant) return { rejected: `tenant ${tenantId} has no routing configuration` };
    const language = arrival.language.toLowerCase();
    const queue = tenant.queues.find(({ match }) => {
      if (match.topics && !(arrival.topic && match.topics.includes(arrival.topic))) return false;
      if (match.channels && !match.channels.includes(arrival.channel ?? 'chat')) return false;
      if (match.minPriority !== undefined && arrival.priority < match.minPriority) return false;
      if (match.languages && !match.languages.some((tag) => sameLanguage(tag, language)))
        return false;
      return true;
    });
    if (!queue)
      return {
        rejected: `no queue of tenant ${tenantId} takes topic ${arrival.topic ?? '(none)'}, language ${arrival.language}, channel ${arrival.channel ?? 'chat'}`,
      };
    return { queue, tenant };
  }

  /**
   * The queue and requirements a conversation is placed with after waiting `waitedSeconds`: every
   * step reached lowers the proficiency, adds languages or moves it to another queue, whose own
   * steps then count from the same start.
   */
  placing(
    tenantId: string,
    queueName: string,
    asked: RoutingEnqueued['requirements'],
    waitedSeconds: number,
  ): Placing | undefined {
    const first = this.queue(tenantId, queueName);
    if (!first) return undefined;
    let queue: QueueConfig = first;
    let skills = queue.skills ?? asked.skills;
    const otherLanguages: string[] = [];
    const visited = new Set<string>();
    let nextStepAfterSeconds: number | undefined;
    let relaxedSteps = 0;
    for (let index = 0; index < queue.relax.length; index++) {
      const step: Relaxation = queue.relax[index]!;
      if (step.afterSeconds > waitedSeconds) {
        nextStepAfterSeconds = Math.min(nextStepAfterSeconds ?? Infinity, step.afterSeconds);
        continue;
      }
      relaxedSteps++;
      if (step.minProficiency !== undefined) {
        const lowest = step.minProficiency;
        skills = skills.map((skill) => ({
          ...skill,
          minProficiency: Math.min(skill.minProficiency, lowest),
        }));
      }
      for (const language of step.languages ?? [])
        if (!otherLanguages.includes(language)) otherLanguages.push(language);
      const target: QueueConfig | undefined = step.overflowTo
        ? this.queue(tenantId, step.overflowTo)
        : undefined;
      if (target && !visited.has(target.name)) {
        visited.add(queue.name);
        queue = target;
        skills = queue.skills ?? asked.skills;
        nextStepAfterSeconds = undefined;
        index = -1;
      }
    }
    return {
      queue,
      requirements: { language: asked.language, skills },
      otherLanguages,
      relaxedSteps,
      ...(nextStepAfterSeconds !== undefined ? { nextStepAfterSeconds } : {}),
    };
  }
}

/** `pt` in a queue's criteria takes `pt-BR` and `pt-PT`; `pt-BR` takes only `pt-BR`. */
function sameLanguage(configured: string, asked: string): boolean {
  const wanted = configured.toLowerCase();
  return asked === wanted || asked.startsWith(`${wanted}-`);
}
