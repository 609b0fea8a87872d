import { supportedLanguages, type Language } from '../../scoring/languages.js';
import { probability, type LogisticParameters } from '../logistic.js';
import type { GeneratedConversation } from './generate-conversations.js';
import {
  classificationMetrics,
  mean,
  median,
  rocAuc,
  type ClassificationMetrics,
} from './metrics.js';
import { turnExamples } from './replay.js';

/** The customer turn at which the rule triggers first escalate a conversation, if they do. */
export type RulesFirstTurn = (conversation: GeneratedConversation) => number | undefined;

/** Counts of conversations, split by whether they needed a human. */
export interface ByLabel {
  needsHuman: number;
  noHuman: number;
}

/** Rules' first turn minus the model's, where both fire: > 0 means the model is earlier. */
export interface TurnsEarlier {
  conversations: number;
  mean: number;
  median: number;
  modelEarlier: number;
  sameTurn: number;
  rulesEarlier: number;
}

export interface RuleComparison {
  bothFire: TurnsEarlier;
  /** The same, over the conversations that need a human only. */
  bothFireNeedingHuman: TurnsEarlier;
  modelOnly: ByLabel;
  rulesOnly: ByLabel;
  neither: ByLabel;
  /** The rules alone as a per-conversation classifier. */
  rulesPerConversation: ClassificationMetrics;
  /** The model or the rules, as the trigger engine combines them. */
  eitherPerConversation: ClassificationMetrics;
  /** Over needs-human conversations each catches: turns after the needs-human turn it first fires. */
  lagAfterNeed: { model: number; rules: number };
}

export interface Evaluation {
  threshold: number;
  conversations: ByLabel;
  turns: { total: number; positive: number };
  perTurn: ClassificationMetrics & { auc: number };
  /** F1 of escalating every turn, the constant predictor to beat. */
  alwaysEscalateF1: number;
  perConversation: ClassificationMetrics;
  /** Needs-human conversations the model caught, by when it first fired. */
  firstFire: { beforeNeed: number; atNeed: number; afterNeed: number; meanLag: number };
  byLanguage: Record<Language, ClassificationMetrics>;
  rules?: RuleComparison;
}

interface Scored {
  conversation: GeneratedConversation;
  scores: number[];
  positives: boolean[];
  modelFirst?: number;
}

/** Scores every customer turn of the test conversations and compares with the labels and the rules. */
export function evaluate(
  conversations: readonly GeneratedConversation[],
  parameters: LogisticParameters,
  threshold: number,
  rulesFirstTurn?: RulesFirstTurn,
): Evaluation {
  const scored: Scored[] = conversations.map((conversation) => {
    const examples = turnExamples(conversation);
    const scores = examples.map((example) => probability(parameters, example.features));
    const first = scores.findIndex((score) => score >= threshold);
    return {
      conversation,
      scores,
      positives: examples.map((example) => example.positive),
      ...(first >= 0 ? { modelFirst: first + 1 } : {}),
    };
  });
  const allScores = scored.flatMap((item) => item.scores);
  const allPositives = scored.flatMap((item) => item.positives);
  const needing = scored.filter((item) => item.conversation.needsHuman);
  return {
    threshold,
    conversations: countByLabel(scored),
    turns: { total: allScores.length, positive: allPositives.filter(Boolean).length },
    perTurn: {
      ...classificationMetrics(
        allScores.map((score) => score >= threshold),
        allPositives,
      ),
      auc: rocAuc(allScores, allPositives),
    },
    alwaysEscalateF1: classificationMetrics(
      allPositives.map(() => true),
      allPositives,
    ).f1,
    perConversation: perConversation(scored),
    firstFire: firstFireTiming(needing),
    byLanguage: Object.fromEntries(
      supportedLanguages.map((language) => [
        language,
        perConversation(scored.filter((item) => item.conversation.language === language)),
      ]),
    ) as Record<Language, ClassificationMetrics>,
    ...(rulesFirstTurn ? { rules: compareWithRules(scored, rulesFirstTurn) } : {}),
  };
}

function countByLabel(items: readonly Scored[]): ByLabel {
  const needsHuman = items.filter((item) => item.conversation.needsHuman).length;
  return { needsHuman, noHuman: items.length - needsHuman };
}

function perConversation(items: readonly Scored[]): ClassificationMetrics {
  return classificationMetrics(
    items.map((item) => item.modelFirst !== undefined),
    items.map((item) => item.conversation.needsHuman),
  );
}

function lagOf(first: number, conversation: GeneratedConversation): number {
  return first - conversation.needsHumanFrom!;
}

function firstFireTiming(needing: readonly Scored[]): Evaluation['firstFire'] {
  const lags = needing
    .filter((item) => item.modelFirst !== undefined)
    .map((item) => lagOf(item.modelFirst!, item.conversation));
  return {
    beforeNeed: lags.filter((lag) => lag < 0).length,
    atNeed: lags.filter((lag) => lag === 0).length,
    afterNeed: lags.filter((lag) => lag > 0).length,
    meanLag: mean(lags),
  };
}

interface WithRules extends Scored {
  rulesFirst?: number;
}

function turnsEarlier(items: readonly WithRules[]): TurnsEarlier {
  const both = items.filter(
    (item) => item.modelFirst !== undefined && item.rulesFirst !== undefined,
  );
  const earlier = both.map((item) => item.rulesFirst! - item.modelFirst!);
  return {
    conversations: both.length,
    mean: mean(earlier),
    median: median(earlier),
    modelEarlier: earlier.filter((turns) => turns > 0).length,
    sameTurn: earlier.filter((turns) => turns === 0).length,
    rulesEarlier: earlier.filter((turns) => turns < 0).length,
  };
}

function compareWithRules(
  items: readonly Scored[],
  rulesFirstTurn: RulesFirstTurn,
): RuleComparison {
  const withRules: WithRules[] = items.map((item) => {
    const rulesFirst = rulesFirstTurn(item.conversation);
    return rulesFirst === undefined ? item : { ...item, rulesFirst };
  });
  const needing = withRules.filter((item) => item.conversation.needsHuman);
  const lags = (pick: (item: WithRules) => number | undefined) =>
    mean(
      needing.flatMap((item) => {
        const first = pick(item);
        return first === undefined ? [] : [lagOf(first, item.conversation)];
      }),
    );
  const where = (model: boolean, rules: boolean) =>
    countByLabel(
      withRules.filter(
        (item) =>
          (item.modelFirst !== undefined) === model && (item.rulesFirst !== undefined) === rules,
      ),
    );
  const actual = withRules.map((item) => item.conversation.needsHuman);
  const rulesFire = withRules.map((item) => item.rulesFirst !== undefined);
  return {
    bothFire: turnsEarlier(withRules),
    bothFireNeedingHuman: turnsEarlier(needing),
    modelOnly: where(true, false),
    rulesOnly: where(false, true),
    neither: where(false, false),
    rulesPerConversation: classificationMetrics(rulesFire, actual),
    eitherPerConversation: classificationMetrics(
      withRules.map((item, i) => rulesFire[i]! || item.modelFirst !== undefined),
      actual,
    ),
    lagAfterNeed: {
      model: lags((item) => item.modelFirst),
      rules: lags((item) => item.rulesFirst),
    },
  };
}
