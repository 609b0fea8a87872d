import type { SeededRandom } from '@handoff/service-kit';

/** What the customer says in one turn, as a kind of line from the phrase banks. */
export type CustomerLine =
  | 'ask'
  | 'rephrase'
  | 'repeat'
  | 'followUp'
  | 'okay'
  | 'thanks'
  | 'annoyed'
  | 'frustrated'
  | 'furious'
  | 'sarcastic'
  | 'insist'
  | 'askHuman';

/** How the bot answers that turn. */
export type BotReply = 'answer' | 'clarify' | 'fallback' | 'wrong' | 'loop' | 'closing';

export interface Beat {
  customer: CustomerLine;
  /** Absent when the customer leaves without an answer. */
  bot?: BotReply;
}

/** The story of one conversation before it is put into words. */
export interface Script {
  beats: Beat[];
  /** The customer turn (1 = the first) from which a human should take over, if one should. */
  needsHumanFrom?: number;
  /** Forces a tier; otherwise one is drawn. */
  tier?: string;
  /** The customer opens upset about the situation, not about the bot. */
  ventOpening?: boolean;
}

export const conversationKinds = {
  calm: 0.24,
  calmLong: 0.07,
  ventResolved: 0.08,
  mildTrouble: 0.12,
  growingFrustration: 0.14,
  botFailing: 0.11,
  loop: 0.08,
  repeats: 0.06,
  politeStuck: 0.05,
  asksAtOnce: 0.05,
} as const;

export type ConversationKind = keyof typeof conversationKinds;

/** Kinds whose customers say what they feel; the rest are read with a stoic customer at times. */
export const troubledKinds: ReadonlySet<ConversationKind> = new Set([
  'mildTrouble',
  'growingFrustration',
  'botFailing',
  'loop',
  'repeats',
]);

const premiumTierNames = ['premium', 'gold', 'vip', 'platinum'];

function times(count: number, beat: () => Beat): Beat[] {
  return Array.from({ length: count }, beat);
}

/** One script per kind; each draws its own lengths and variations. */
export const scripts: Record<ConversationKind, (random: SeededRandom) => Script> = {
  calm: (r) => ({
    beats: [
      { customer: 'ask', bot: r.chance(0.3) ? 'clarify' : 'answer' },
      ...times(r.int(0, 2), () => ({ customer: 'followUp', bot: 'answer' })),
      ...(r.chance(0.3) ? [{ customer: 'okay', bot: 'answer' } as Beat] : []),
      { customer: 'thanks', bot: 'closing' },
    ],
  }),
  calmLong: (r) => ({
    beats: [
      { customer: 'ask', bot: 'clarify' },
      // One misunderstanding the customer shrugs off: not every fallback calls for a person.
      ...(r.chance(0.3) ? [{ customer: 'followUp', bot: 'fallback' } as Beat] : []),
      ...times(r.int(4, 8), () => ({
        customer: r.pick(['followUp', 'okay'] as const),
        bot: r.pick(['answer', 'clarify'] as const),
      })),
      { customer: 'thanks', bot: 'closing' },
    ],
  }),
  ventResolved: (r) => ({
    ventOpening: true,
    beats: [
      { customer: 'ask', bot: 'clarify' },
      { customer: 'followUp', bot: 'answer' },
      ...(r.chance(0.4) ? [{ customer: 'annoyed', bot: 'answer' } as Beat] : []),
      { customer: 'thanks', bot: 'closing' },
    ],
  }),
  mildTrouble: (r) => {
    // The same trouble: a premium customer gets a person at once, others are fine with the bot.
    const opening: Beat[] = [
      { customer: 'ask', bot: 'clarify' },
      { customer: 'followUp', bot: 'wrong' },
      { customer: 'annoyed', bot: r.pick(['clarify', 'answer'] as const) },
    ];
    if (r.chance(0.5))
      return {
        tier: r.pick(premiumTierNames),
        needsHumanFrom: 3,
        beats: [
          ...opening,
          ...times(r.int(1, 2), () => ({ customer: 'insist', bot: 'wrong' })),
          ...(r.chance(0.4) ? [{ customer: 'askHuman' } as Beat] : []),
        ],
      };
    return {
      tier: r.pick(['standard', 'basic']),
      beats: [
        ...opening,
        { customer: r.pick(['okay', 'followUp'] as const), bot: 'answer' },
        { customer: 'thanks', bot: 'closing' },
      ],
    };
  },
  growingFrustration: (r) => {
    const calmTurns = 1 + r.int(0, 2);
    return {
      needsHumanFrom: calmTurns + 2,
      beats: [
        { customer: 'ask', bot: r.pick(['answer', 'clarify'] as const) },
        ...times(calmTurns - 1, () => ({
          customer: 'followUp',
          bot: r.pick(['clarify', 'wrong'] as const),
        })),
        { customer: 'annoyed', bot: 'wrong' },
        {
          customer: r.pick(['annoyed', 'sarcastic'] as const),
          bot: r.pick(['wrong', 'clarify'] as const),
        },
        { customer: 'frustrated', bot: 'wrong' },
        ...(r.chance(0.5)
          ? [{ customer: 'furious', bot: r.pick(['fallback', 'wrong'] as const) } as Beat]
          : []),
        ...(r.chance(0.5) ? [{ customer: 'askHuman' } as Beat] : []),
      ],
    };
  },
  botFailing: (r) => ({
    needsHumanFrom: 3,
    beats: [
      { customer: 'ask', bot: 'fallback' },
      { customer: 'rephrase', bot: r.chance(0.6) ? 'fallback' : 'clarify' },
      { customer: 'repeat', bot: 'fallback' },
      { customer: 'annoyed', bot: 'fallback' },
      ...(r.chance(0.5) ? [{ customer: 'frustrated', bot: 'fallback' } as Beat] : []),
      ...(r.chance(0.4) ? [{ customer: 'askHuman' } as Beat] : []),
    ],
  }),
  loop: (r) => ({
    needsHumanFrom: 3,
    beats: [
      { customer: 'ask', bot: 'loop' },
      { customer: r.pick(['followUp', 'rephrase'] as const), bot: 'loop' },
      { customer: 'repeat', bot: 'loop' },
      { customer: 'annoyed', bot: 'loop' },
      ...(r.chance(0.5)
        ? [{ customer: r.pick(['sarcastic', 'frustrated'] as const), bot: 'loop' } as Beat]
        : []),
      ...(r.chance(0.4) ? [{ customer: 'askHuman' } as Beat] : []),
    ],
  }),
  repeats: (r) => ({
    needsHumanFrom: 3,
    beats: [
      { customer: 'ask', bot: 'clarify' },
      { customer: 'repeat', bot: 'clarify' },
      { customer: 'repeat', bot: 'wrong' },
      ...(r.chance(0.5) ? [{ customer: 'repeat', bot: 'wrong' } as Beat] : []),
      { customer: 'annoyed', bot: 'clarify' },
      ...(r.chance(0.3) ? [{ customer: 'askHuman' } as Beat] : []),
    ],
  }),
  politeStuck: (r) => ({
    // The bot answers confidently but beside the point and the customer stays polite: hard to see.
    needsHumanFrom: 3,
    beats: [
      { customer: 'ask', bot: 'answer' },
      { customer: 'insist', bot: 'answer' },
      { customer: 'insist', bot: 'answer' },
      { customer: 'rephrase', bot: 'answer' },
      ...times(r.int(0, 2), () => ({ customer: 'insist', bot: 'answer' })),
    ],
  }),
  asksAtOnce: (r) =>
    r.chance(0.5)
      ? { needsHumanFrom: 1, beats: [{ customer: 'askHuman' }] }
      : {
          needsHumanFrom: 2,
          beats: [{ customer: 'ask', bot: 'answer' }, { customer: 'askHuman' }],
        },
};

/** How a reserved customer puts the same line: milder, or not at all. */
export const stoicLines: Partial<Record<CustomerLine, CustomerLine>> = {
  annoyed: 'insist',
  frustrated: 'annoyed',
  furious: 'frustrated',
  sarcastic: 'insist',
};
