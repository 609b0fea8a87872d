import type { DefaultTemplates } from './default-templates.js';

const wait =
  '{waitMinutes, select, none {} other { The expected wait is about {waitMinutes, plural, one {# minute} other {# minutes}}.}}';

export const en: DefaultTemplates = {
  'handoff.connecting':
    "{agentName, select, none {I'm connecting you with an agent.} other {I'm connecting you with {agentName}.}} They can see our conversation so far, so you won't need to repeat yourself.",
  'handoff.queued': `All our agents are busy right now. You're in the queue and we'll connect you as soon as someone is free.{position, select, none {} other { You're number {position} in the queue.}}${wait}`,
  'handoff.position_update': `{position, select, none {You're still in the queue.} other {You're now number {position} in the queue.}}${wait}`,
  'handoff.agent_joined':
    '{agentName, select, none {An agent} other {{agentName}}} has joined the conversation and can see everything so far.',
  'handoff.transferred':
    "{agentName, select, none {{queue, select, none {I'm transferring you to another team.} other {I'm transferring you to {queue}.}}} other {I'm transferring you to {agentName}.}} They will see our conversation so far.",
  'handoff.callback':
    "No agent can take your conversation right now. {callbackTime, select, none {We'll call you back as soon as someone is free.} other {We'll call you back at {callbackTime}.}}",
  'handoff.leave_message':
    'No agent can take your conversation right now. Leave us a message here and an agent will answer it.',
  'handoff.closed_hours':
    "We're closed right now, so no agent can take your conversation. {opensAt, select, none {Please come back during our opening hours.} other {We open again at {opensAt}.}}",
  'handoff.back_to_bot':
    "You're back with the virtual assistant and I'll keep helping you. Ask for an agent again whenever you need one.",
  'handoff.csat':
    'How would you rate your conversation with {agentName, select, none {our agent} other {{agentName}}}? Reply with a number from 1 to 5.',
};
