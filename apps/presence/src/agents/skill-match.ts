import type { SkillRequirement } from '@handoff/contracts';

interface HeldSkill {
  name: string;
  proficiency: number;
}

/** True when the agent holds every required skill at or above its minimum proficiency. */
export function matchesSkills(
  held: readonly HeldSkill[],
  required: readonly SkillRequirement[],
): boolean {
  return required.every((need) =>
    held.some(
      (skill) => skill.name === need.name && skill.proficiency >= (need.minProficiency ?? 1),
    ),
  );
}

/** The agent's weakest proficiency among the required skills (5 when nothing is required). */
export function lowestProficiency(
  held: readonly HeldSkill[],
  required: readonly SkillRequirement[],
): number {
  let lowest = 5;
  for (const need of required) {
    const skill = held.find((candidate) => candidate.name === need.name);
    lowest = Math.min(lowest, skill?.proficiency ?? 0);
  }
  return lowest;
}
