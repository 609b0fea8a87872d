import { deriveId, type CsatRecorded } from '@handoff/contracts';
import type { ConversationState } from './conversation-states.js';
import type { CsatRecord } from './conversation.records.js';

/** A customer message that is only a digit from 1 to 5 answers an open survey. */
const digitAnswer = /^\s*([1-5])\s*[.!]?\s*$/;

export function csatScoreIn(text: string): number | undefined {
  const match = digitAnswer.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * The customer answered the satisfaction survey: recorded once per conversation (the first
 * answer counts: the id is the conversation's) and published for analytics with the agent and
 * the triggers behind the handoff. The survey closes.
 */
export function answerSurvey(
  conversationId: string,
  state: ConversationState,
  answer: { score: number; comment?: string; answeredAt: string },
): { record: CsatRecord; recorded: { data: CsatRecorded; id: string } } {
  const survey = state.survey;
  delete state.survey;
  const id = deriveId('csat', conversationId);
  const about = {
    ...(survey?.agentId ? { agentId: survey.agentId } : {}),
    ...(survey?.escalationId ? { escalationId: survey.escalationId } : {}),
    triggers: survey?.triggers ?? [],
  };
  return {
    record: {
      _id: id,
      conversationId,
      tenantId: state.tenantId,
      score: answer.score,
      ...(answer.comment ? { comment: answer.comment } : {}),
      ...about,
      answeredAt: new Date(answer.answeredAt),
    },
    recorded: {
      id,
      data: {
        conversationId,
        tenantId: state.tenantId,
        ...about,
        score: answer.score,
        recordedAt: answer.answeredAt,
      },
    },
  };
}
