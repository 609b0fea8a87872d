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

/** What presence says of the agent now, or that it does not know them yet; an empty form takes their profile. */
export function showPresence(agent: any): void {
  if (agent && !value('display-name')) fillForm(agent);
  byId('presence-state').textContent = agent
    ? `${agent.status}${agent.reason ? ` (${agent.reason})` : ''} · ${agent.freeSlots ?? '?'} free of ${agent.capacity ?? '?'}`
    : 'not known to presence yet: set your status';
}

function fillForm(agent: any): void {
  const set = (id: string, text: string) => (byId<HTMLInputElement>(id).value = text);
  set('display-name', agent.displayName ?? '');
  set(
    'skills',
    (agent.skills ?? []).map((skill: any) => `${skill.name}:${skill.proficiency}`).join(', '),
  );
  set('languages', (agent.languages ?? []).join(', '));
  if (agent.capacity) set('capacity', String(agent.capacity));
}
