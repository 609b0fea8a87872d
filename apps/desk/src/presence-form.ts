import { byId } from './dom.js';

const value = (id: string) => byId<HTMLInputElement>(id).value.trim();
const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The status form as a set-status profile: "billing:4, returns" reads as skills with proficiency. */
export function presenceProfile(): object {
  return {
    status: byId<HTMLSelectElement>('status').value,
    displayName: value('display-name'),
    skills: list(value('skills')).map((skill) => {
      const [name, proficiency] = skill.split(':');
      return { name: name!.trim(), proficiency: Number(proficiency ?? 3) };
    }),
    languages: list(value('languages')),
    capacity: Number(value('capacity')),
  };
}

/** What presence says of the agent now, or that it does not know them yet. */
export function showPresence(agent: any): void {
  byId('presence-state').textContent = agent
    ? `${agent.status}${agent.reason ? ` (${agent.reason})` : ''} · ${agent.freeSlots ?? '?'} free of ${agent.capacity ?? '?'}`
    : 'not known to presence yet: set your status';
}
