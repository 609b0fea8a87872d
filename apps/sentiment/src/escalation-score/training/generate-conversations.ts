import { supportedLanguages, type Language } from '../../scoring/languages.js';
import type { TranscriptMessage } from '../../triggers/dry-run.js';
import {
  conversationKinds,
  scripts,
  stoicLines,
  troubledKinds,
  type BotReply,
  type ConversationKind,
  type CustomerLine,
} from './conversation-scripts.js';
import { phraseBanks, topicIntents, topics, type PhraseBank, type Topic } from './phrases/index.js';
import { SeededRandom } from '@handoff/service-kit';

/** A synthetic conversation and whether, and from which customer turn, it needs a human. */
export interface GeneratedConversation {
  id: string;
  kind: ConversationKind;
  language: Language;
  tier?: string;
  transcript: TranscriptMessage[];
  needsHuman: boolean;
  /** Customer turn (1 = the first customer message) from which a human should take over. */
  needsHumanFrom?: number;
}

export const generatorVersion = 'phrase-bank conversations v1';
/** Share of conversations whose label is flipped, as real labels are never clean. */
export const labelNoise = 0.03;
/** Share of needs-human labels moved one turn earlier or later. */
const labelJitter = 0.2;
const stoicShare = 0.25;
const firstStart = Date.UTC(2026, 0, 5, 8, 0, 0);

/** `count` labelled conversations; the same seed always gives the same conversations. */
export function generateConversations(count: number, seed: number): GeneratedConversation[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, index) =>
    generateOne(random, `gen-${seed}-${index}`, firstStart + index * 7 * 60_000),
  );
}

function generateOne(random: SeededRandom, id: string, startAt: number): GeneratedConversation {
  const kind = random.weighted(conversationKinds);
  const language = random.pick(supportedLanguages);
  const script = scripts[kind](random);
  const tier = script.tier ?? drawTier(random);
  const stoic = troubledKinds.has(kind) && random.chance(stoicShare);
  const speaker = new Speaker(random, phraseBanks[language], random.pick(topics));
  const transcript: TranscriptMessage[] = [];
  let at = startAt;
  for (const beat of script.beats) {
    const line = (stoic && stoicLines[beat.customer]) || beat.customer;
    const opening = transcript.length === 0 && script.ventOpening;
    const text = speaker.customer(line);
    transcript.push({
      sender: 'customer',
      text: opening ? `${speaker.vent()} ${text}` : text,
      at: new Date(at).toISOString(),
    });
    if (!beat.bot) break;
    at += random.int(1_000, 4_000);
    transcript.push({ ...speaker.bot(beat.bot), at: new Date(at).toISOString() });
    // Same pace for every kind, with the odd long pause, so time alone gives nothing away.
    at += random.chance(0.1) ? random.int(120_000, 600_000) : random.int(10_000, 90_000);
  }
  transcript.forEach((message, i) => (message.messageId = `${id}-m${i}`));
  const label = noisyLabel(random, script.needsHumanFrom, customerTurns(transcript));
  return { id, kind, language, ...(tier ? { tier } : {}), transcript, ...label };
}

function drawTier(random: SeededRandom): string | undefined {
  const draw = random.next();
  if (draw < 0.1) return random.pick(['premium', 'gold']);
  return draw < 0.7 ? 'standard' : undefined;
}

export function customerTurns(transcript: readonly TranscriptMessage[]): number {
  return transcript.filter((message) => message.sender === 'customer').length;
}

function noisyLabel(
  random: SeededRandom,
  from: number | undefined,
  turns: number,
): { needsHuman: boolean; needsHumanFrom?: number } {
  if (random.chance(labelNoise)) {
    if (from !== undefined) return { needsHuman: false };
    return { needsHuman: true, needsHumanFrom: random.int(Math.min(2, turns), turns) };
  }
  if (from === undefined) return { needsHuman: false };
  const shifted = random.chance(labelJitter) ? from + random.pick([-1, 1]) : from;
  return { needsHuman: true, needsHumanFrom: Math.min(turns, Math.max(1, shifted)) };
}

/** Puts one conversation's lines into words, remembering what was asked and answered. */
class Speaker {
  private question = '';
  private loopAnswer?: string;
  private readonly said = new Set<string>();

  constructor(
    private readonly random: SeededRandom,
    private readonly bank: PhraseBank,
    private readonly topic: Topic,
  ) {}

  vent(): string {
    return this.fresh(this.bank.vent);
  }

  /** A line not yet said in this conversation while there is one: people and bots vary. */
  private fresh(lines: readonly string[]): string {
    const unsaid = lines.filter((line) => !this.said.has(line));
    const line = this.random.pick(unsaid.length > 0 ? unsaid : lines);
    this.said.add(line);
    return line;
  }

  customer(line: CustomerLine): string {
    const { random, bank } = this;
    const phrases = bank.topics[this.topic];
    switch (line) {
      case 'ask':
        this.question = random.pick(phrases.ask);
        return random.chance(0.5)
          ? `${random.pick(bank.greetings)}, ${this.question}`
          : this.question;
      case 'rephrase':
        return this.fresh(phrases.rephrase);
      case 'repeat':
        return this.repeatQuestion();
      case 'furious':
        return `${this.fresh(bank.frustrated).toUpperCase()}!!!`;
      case 'annoyed':
        return `${this.fresh(bank.annoyed)}${random.chance(0.3) ? '!' : ''}`;
      default:
        return this.fresh(bank[line]);
    }
  }

  /** The first question again, with a few words or marks changed: a near-repeat. */
  private repeatQuestion(): string {
    const { random, bank } = this;
    const question = this.question || random.pick(bank.topics[this.topic].ask);
    const prefix = random.chance(0.6) ? `${random.pick(bank.again)} ` : '';
    const ending = random.pick(['', '?', '??', '!']);
    return `${prefix}${question}${ending}`;
  }

  bot(reply: BotReply): TranscriptMessage {
    const { random, bank } = this;
    const intent = topicIntents[this.topic];
    const answers = bank.topics[this.topic].answer;
    switch (reply) {
      case 'answer':
        return {
          sender: 'bot',
          text: this.fresh(answers),
          intent,
          confidence: confidence(random, 0.75, 0.98),
        };
      case 'clarify':
        return {
          sender: 'bot',
          text: this.fresh(bank.bot.clarify),
          intent,
          confidence: confidence(random, 0.55, 0.85),
        };
      case 'fallback':
        return {
          sender: 'bot',
          text: this.fresh(bank.bot.fallback),
          confidence: confidence(random, 0.05, 0.35),
          fallback: true,
        };
      case 'wrong': {
        // Half misread as another topic, half the right topic answered beside the point.
        const other = random.chance(0.5)
          ? random.pick(topics.filter((topic) => topic !== this.topic))
          : this.topic;
        const text = this.fresh(bank.topics[other].answer);
        return {
          sender: 'bot',
          text,
          intent: topicIntents[other],
          confidence: confidence(random, 0.3, 0.8),
        };
      }
      case 'loop':
        this.loopAnswer ??= random.pick(answers);
        return {
          sender: 'bot',
          text: this.loopAnswer,
          intent,
          confidence: confidence(random, 0.6, 0.85),
        };
      case 'closing':
        return {
          sender: 'bot',
          text: random.pick(bank.bot.closing),
          intent: 'goodbye',
          confidence: 0.95,
        };
    }
  }
}

function confidence(random: SeededRandom, min: number, max: number): number {
  return Math.round(random.between(min, max) * 100) / 100;
}
