/** Sentences a summary holds at most (the contract's limit). */
export const maxSummarySentences = 3;

/** Longest sentence a summary carries (the contract's limit); longer ones are cut at a word. */
export const maxSummarySentenceLength = 600;

/** Extra weight for the customer's first sentence (what they came for) and their latest one. */
export const openingBonus = 0.5;
export const latestBonus = 0.25;

/** Extra weight, as a share of the best score, for the message that triggered the escalation. */
export const escalationBonus = 0.5;

/** Words too common to say what a sentence is about, in the languages of the demo tenants. */
const stopwords = new Set(
  (
    'the and for you your with this that have has are was were not but can could would will ' +
    'from they them what when where which who how all any been being there their then than ' +
    "into just about also some more very please thanks thank hello want need its it's i'm " +
    'los las una uno unos unas por para con que del como pero más muy este esta esto ese esa ' +
    'hola gracias quiero tengo mis sus nos les favor porque cuando donde está están'
  ).split(' '),
);

export interface SummaryInput {
  /** The customer's messages, in the order said. */
  customerMessages: readonly { messageId: string; text: string }[];
  /** Every message, customer's, bot's and agents': the conversation terms are weighed against. */
  conversation: readonly { sender: string; text: string }[];
  /** The message the escalation was triggered by, if any. */
  escalationMessageId?: string;
}

interface Candidate {
  text: string;
  order: number;
  messageId: string;
  terms: string[];
}

export function terms(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}[\p{L}\p{N}']*/gu) ?? []).filter(
    (term) => term.length > 2 && !stopwords.has(term),
  );
}

export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => terms(sentence).length > 0);
}

/**
 * The customer's case in at most three of their own sentences, in the order said. A sentence
 * weighs the terms it holds by how often the conversation repeats them (what it is about) and how
 * few sentences share them (what sets it apart), averaged so long sentences are not favoured;
 * the opening, the latest sentence and the escalation's message weigh more.
 */
export function extractiveSummary(input: SummaryInput): string[] {
  const candidates: Candidate[] = [];
  for (const { messageId, text } of input.customerMessages)
    for (const sentence of sentencesOf(text))
      candidates.push({
        text: sentence,
        order: candidates.length,
        messageId,
        terms: terms(sentence),
      });
  if (candidates.length <= maxSummarySentences) return candidates.map(({ text }) => cut(text));

  const frequency = new Map<string, number>();
  for (const term of input.conversation.flatMap(({ text }) => terms(text)))
    frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const sentencesWith = new Map<string, number>();
  for (const candidate of candidates)
    for (const term of new Set(candidate.terms))
      sentencesWith.set(term, (sentencesWith.get(term) ?? 0) + 1);

  const weight = (term: string) =>
    (1 + Math.log(frequency.get(term) ?? 1)) *
    Math.log(1 + candidates.length / (sentencesWith.get(term) ?? 1));
  const base = candidates.map(({ terms: held }) => {
    const unique = [...new Set(held)];
    return unique.reduce((sum, term) => sum + weight(term), 0) / Math.sqrt(unique.length);
  });
  const best = Math.max(...base);
  const scores = candidates.map(
    (candidate, index) =>
      base[index]! *
        (1 +
          (index === 0 ? openingBonus : 0) +
          (index === candidates.length - 1 ? latestBonus : 0)) +
      (candidate.messageId === input.escalationMessageId ? escalationBonus * best : 0),
  );
  return candidates
    .map((candidate, index) => ({ candidate, score: scores[index]! }))
    .sort((a, b) => b.score - a.score || a.candidate.order - b.candidate.order)
    .slice(0, maxSummarySentences)
    .sort((a, b) => a.candidate.order - b.candidate.order)
    .map(({ candidate }) => cut(candidate.text));
}

export function cut(sentence: string): string {
  if (sentence.length <= maxSummarySentenceLength) return sentence;
  const head = sentence.slice(0, maxSummarySentenceLength - 1);
  const atWord = head.lastIndexOf(' ');
  return `${(atWord > 0 ? head.slice(0, atWord) : head).trimEnd()}…`;
}
