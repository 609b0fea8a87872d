import type { ModelFile } from '../model-file.js';
import type { ByLabel, Evaluation, RuleComparison, TurnsEarlier } from './evaluate.js';
import type { ClassificationMetrics } from './metrics.js';

export interface ReportInput {
  file: ModelFile;
  evaluation: Evaluation;
  /** The same test set scored at other thresholds. */
  otherThresholds?: readonly Evaluation[];
  validationF1: number;
  /** How long one escalationScore call took, already put into words. */
  perCall: string;
}

const fixed = (value: number, digits = 3) => value.toFixed(digits);
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

function metricsRow(name: string, metrics: ClassificationMetrics): string {
  const { precision, recall, f1, truePositives, falsePositives, falseNegatives } = metrics;
  return `| ${name} | ${fixed(precision)} | ${fixed(recall)} | ${fixed(f1)} | ${truePositives} | ${falsePositives} | ${falseNegatives} |`;
}

function earlierLine(label: string, turns: TurnsEarlier): string {
  return (
    `- ${label}: ${turns.conversations} conversations. The model fires **${fixed(turns.mean, 2)}** customer turns ` +
    `earlier on average (median ${fixed(turns.median, 1)}; negative is later): earlier in ${turns.modelEarlier}, ` +
    `on the same turn in ${turns.sameTurn}, later in ${turns.rulesEarlier}.`
  );
}

function rulesSection(rules: RuleComparison | undefined): string[] {
  if (!rules) return ['Not measured: no rule baseline was given.'];
  const byLabel = (counts: ByLabel) =>
    `${counts.needsHuman + counts.noHuman} (${counts.needsHuman} needing a human, ${counts.noHuman} not)`;
  return [
    "The baseline is the platform's default rule set alone (the trained score left out), run over each",
    'test conversation with the dry run; an escalation on a bot message counts at the customer turn it answers.',
    '',
    earlierLine('Both fire', rules.bothFire),
    earlierLine('Both fire, on conversations needing a human', rules.bothFireNeedingHuman),
    `- Only the model fires: ${byLabel(rules.modelOnly)}.`,
    `- Only the rules fire: ${byLabel(rules.rulesOnly)}.`,
    `- Neither fires: ${byLabel(rules.neither)}.`,
    `- On conversations needing a human, the first escalation comes on average ${fixed(rules.lagAfterNeed.model, 2)} turns after the needs-human turn with the model and ${fixed(rules.lagAfterNeed.rules, 2)} with the rules.`,
    '',
    '| per conversation | precision | recall | F1 | true positives | false positives | false negatives |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    metricsRow('rules alone', rules.rulesPerConversation),
    metricsRow('model or rules', rules.eitherPerConversation),
  ];
}

function thresholdsSection(evaluations: readonly Evaluation[]): string[] {
  const sorted = [...evaluations].sort((a, b) => a.threshold - b.threshold);
  return [
    '## Other thresholds',
    '',
    'A tenant may set its own threshold (`escalationScore.threshold`); on the same test set:',
    '',
    '| threshold | per-turn F1 | per-conversation precision | per-conversation recall | turns earlier than the rules (needing a human, both fire) |',
    '| --- | --- | --- | --- | --- |',
    ...sorted.map(
      ({ threshold, perTurn, perConversation, rules }) =>
        `| ${threshold.toFixed(2)} | ${fixed(perTurn.f1)} | ${fixed(perConversation.precision)} | ${fixed(perConversation.recall)} | ${rules ? fixed(rules.bothFireNeedingHuman.mean, 2) : ''} |`,
    ),
    '',
  ];
}

/** EVALUATION.md: everything in it follows from the seed, so regenerating gives the same file. */
export function renderReport({
  file,
  evaluation,
  otherThresholds = [],
  validationF1,
  perCall,
}: ReportInput): string {
  const { trainedOn } = file;
  const e = evaluation;
  const lines = [
    '# Escalation model: evaluation',
    '',
    'Written by `npm run model:train` together with `escalation-model.v1.json`; see README.md for how the data is generated.',
    '',
    '## Model',
    '',
    `- Version \`${file.version}\`, ${file.featureNames.length} features, ${file.training.method} (L2 ${file.training.l2}, learning rate ${file.training.learningRate}, ${file.training.iterations} iterations).`,
    `- Data: ${trainedOn.generator}, seed ${trainedOn.seed}, languages ${trainedOn.languages.join(', ')}.`,
    `- Conversations: ${trainedOn.conversations.train} training, ${trainedOn.conversations.validation} validation, ${trainedOn.conversations.test} test (split by conversation).`,
    `- Training examples: ${trainedOn.turns.train} customer turns, ${trainedOn.turns.positive} of them positive.`,
    `- Threshold **${file.threshold.toFixed(2)}**: ${file.thresholdRule} (validation F1 ${fixed(validationF1)}).`,
    `- Speed: ${perCall}.`,
    '',
    '## Test set',
    '',
    `${e.conversations.needsHuman + e.conversations.noHuman} conversations (${e.conversations.needsHuman} needing a human), ${e.turns.total} customer turns (${e.turns.positive} positive).`,
    '',
    '| | precision | recall | F1 | true positives | false positives | false negatives |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    metricsRow('per turn', e.perTurn),
    metricsRow('per conversation', e.perConversation),
    ...Object.entries(e.byLanguage).map(([language, metrics]) =>
      metricsRow(`per conversation, ${language}`, metrics),
    ),
    '',
    `Per turn, the area under the ROC curve is ${fixed(e.perTurn.auc)}; escalating every turn would reach F1 ${fixed(e.alwaysEscalateF1)}.`,
    'A conversation counts as escalated by the model when any of its customer turns reaches the threshold.',
    '',
    `Of the needs-human conversations the model escalates, it first fires before the labelled turn in ${e.firstFire.beforeNeed}, on it in ${e.firstFire.atNeed} and after it in ${e.firstFire.afterNeed} (mean ${fixed(e.firstFire.meanLag, 2)} turns from it).`,
    '',
    '## Against the rule triggers',
    '',
    ...rulesSection(e.rules),
    '',
    ...(otherThresholds.length > 0 ? thresholdsSection([e, ...otherThresholds]) : []),
    '## Weights',
    '',
    'On standardised features (value minus mean, divided by scale); positive weights push towards a human.',
    '',
    '| feature | weight | mean | scale |',
    '| --- | --- | --- | --- |',
    ...file.featureNames.map(
      (name, i) =>
        `| ${name} | ${fixed(file.weights[i]!)} | ${fixed(file.means[i]!)} | ${fixed(file.scales[i]!)} |`,
    ),
    `| (bias) | ${fixed(file.bias)} | | |`,
    '',
    'These figures come from synthetic conversations and measure how well the model learns the',
    `generator's stories, not how it will do on a tenant's real traffic; ${percent(0.03)} of labels are`,
    'flipped on purpose, so no model reaches 1.0.',
    '',
  ];
  return lines.join('\n');
}
