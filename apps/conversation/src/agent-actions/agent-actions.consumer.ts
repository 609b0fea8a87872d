import { Inject } from '@nestjs/common';
import { deriveId, Topics, type TopicPayloads } from '@handoff/contracts';
import { ConsumeEvents, EventConsumer, TransientError, type EventBatch } from '@handoff/messaging';
import { Payload } from '@nestjs/microservices';
import {
  ConversationStates,
  type ConversationState,
} from '../conversations/conversation-states.js';
import { ConversationStore } from '../conversations/conversation-store.js';
import { CustomerNotifier } from '../notifications/customer-notifier.js';
import type { NoteRecord } from '../conversations/context.records.js';
import type { MessageRecord, ReleaseRecord } from '../conversations/conversation.records.js';
import { commandResult, messageEffect, releaseEffects, type Effect } from './action-effects.js';
import {
  assignmentWaitMs,
  applyRelease,
  conversationActionTypes,
  decideAction,
  type ConversationAction,
  type EscalationSummary,
} from './decide-action.js';

type AgentCommand = TopicPayloads[typeof Topics.AgentCommands];

const isConversationAction = (event: AgentCommand): event is AgentCommand & ConversationAction =>
  conversationActionTypes.has(event.type);

const releaseIdOf = (action: ConversationAction) =>
  action.type === 'handoff.agent.conversation.resolve' ||
  action.type === 'handoff.agent.conversation.return_to_bot'
    ? deriveId('release', action.data.commandId)
    : undefined;

/**
 * Agents' commands about a conversation: write to the customer, add a note, resolve it, return it
 * to the bot. Who holds a conversation is known in memory (from routing's decisions, which reach
 * this instance on the same partition number); each command is answered done or refused. A
 * release already stored is a redelivery: its events are published again, under the same ids.
 */
@EventConsumer()
export class AgentActionsConsumer {
  constructor(
    private readonly store: ConversationStore,
    @Inject(ConversationStates) private readonly states: ConversationStates,
    private readonly notifier: CustomerNotifier,
  ) {}

  @ConsumeEvents(Topics.AgentCommands)
  async onAgentCommands(@Payload() batch: EventBatch<typeof Topics.AgentCommands>): Promise<void> {
    const actions: ConversationAction[] = batch.events.filter(isConversationAction);
    if (actions.length === 0) return;
    const touched = new Set<string>();
    batch.onFailure(() => touched.forEach((conversationId) => this.states.delete(conversationId)));
    const conversationIds = [...new Set(actions.map(({ data }) => data.conversationId))];
    const [loaded, done, escalations] = await Promise.all([
      this.store.loadStates(conversationIds.filter((id) => !this.states.has(id))),
      this.store.releasesById(actions.flatMap((action) => releaseIdOf(action) ?? [])),
      this.escalationsOf(actions),
    ]);
    const stateOf = (conversationId: string): ConversationState | undefined => {
      const state = this.states.get(conversationId) ?? loaded.get(conversationId);
      if (state) {
        this.states.set(conversationId, batch.partition, state);
        touched.add(conversationId);
      }
      return state;
    };

    const messages: MessageRecord[] = [];
    const notes: NoteRecord[] = [];
    const releases: ReleaseRecord[] = [];
    const effects: Effect[] = [];
    const decidedAt = new Date().toISOString();
    for (const action of actions) {
      const state = stateOf(action.data.conversationId);
      const stored = done.get(releaseIdOf(action) ?? '');
      const outcome = stored
        ? { release: stored }
        : decideAction(action, state, escalations.get(action.data.conversationId));
      if ('refused' in outcome) {
        const age = Date.now() - Date.parse(action.data.requestedAt);
        if (outcome.mayWaitForAssignment && age < assignmentWaitMs)
          throw new TransientError(
            `waiting for the assignment of conversation ${action.data.conversationId} to arrive`,
          );
        effects.push(commandResult(action, outcome.refused, decidedAt));
        continue;
      }
      if ('message' in outcome) {
        messages.push(outcome.message);
        effects.push(messageEffect(outcome.message, state!));
      } else if ('note' in outcome) {
        notes.push(outcome.note);
      } else {
        releases.push(outcome.release);
        effects.push(...releaseEffects(outcome.release));
        this.tellCustomer(batch, outcome.release, state!);
        applyRelease(state!, outcome.release);
      }
      effects.push(commandResult(action, undefined, decidedAt));
    }
    await Promise.all([
      this.store.appendMessages(messages),
      this.store.appendNotes(notes),
      this.store.appendReleases(releases),
    ]);
    for (const { type, data, id } of effects) batch.emit(type, data, { id });
  }

  /** Resolved: the customer is asked for their satisfaction; returned: told the bot is back. */
  private tellCustomer(
    sink: EventBatch<typeof Topics.AgentCommands>,
    release: ReleaseRecord,
    state: ConversationState,
  ): void {
    const resolved = release.kind === 'resolved';
    this.notifier.notify(sink, {
      id: deriveId('notice', release._id),
      conversationId: release.conversationId,
      tenantId: release.tenantId,
      channel: state.channel,
      language: state.language,
      template: resolved ? 'handoff.csat' : 'handoff.back_to_bot',
      ...(resolved && state.holder?.displayName
        ? { values: { agentName: state.holder.displayName } }
        : {}),
    });
  }

  /** Why each conversation being let go reached an agent, for the feedback it publishes. */
  private async escalationsOf(
    actions: readonly ConversationAction[],
  ): Promise<Map<string, EscalationSummary>> {
    const releasing = actions.filter((action) => releaseIdOf(action) !== undefined);
    const first = await this.store.firstEscalations([
      ...new Set(releasing.map(({ data }) => data.conversationId)),
    ]);
    return new Map(
      [...first].map(([conversationId, escalation]) => [
        conversationId,
        { escalationId: escalation._id, triggers: [escalation.trigger] },
      ]),
    );
  }
}
