import { supportedLanguages } from '../../scoring/languages.js';
import { escalationFeatureNames } from '../features.js';
import type { ModelFile } from '../model-file.js';
import {
  generateConversations,
  generatorVersion,
  type GeneratedConversation,
} from './generate-conversations.js';
import { turnExamples, type TurnExample } from './replay.js';
import {
  defaultTrainingOptions,
  fitLogistic,
  pickThreshold,
  scoreRows,
  splitConversations,
  thresholdRule,
  type ConversationSplit,
  type TrainingOptions,
} from './train.js';

export const modelVersion = 'escalation-v1';

export interface TrainingRun {
  /** What is written to the weights file. */
  file: ModelFile;
  split: ConversationSplit;
  validationF1: number;
}

function examplesOf(conversations: readonly GeneratedConversation[]): TurnExample[] {
  return conversations.flatMap(turnExamples);
}

// Six decimals keep the file readable and diffs small; scoring and evaluation use the rounded values.
function rounded(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Generates `count` conversations from `seed`, trains on 60 %, picks the threshold on 20 %. */
export function trainEscalationModel(
  count: number,
  seed: number,
  options: TrainingOptions = defaultTrainingOptions,
): TrainingRun {
  const split = splitConversations(generateConversations(count, seed), seed);
  const training = examplesOf(split.train);
  const fitted = fitLogistic(
    training.map((example) => example.features),
    training.map((example) => example.positive),
    options,
  );
  const parameters = {
    means: fitted.means.map(rounded),
    scales: fitted.scales.map(rounded),
    weights: fitted.weights.map(rounded),
    bias: rounded(fitted.bias),
  };
  const validation = examplesOf(split.validation);
  const { threshold, f1 } = pickThreshold(
    scoreRows(
      parameters,
      validation.map((example) => example.features),
    ),
    validation.map((example) => example.positive),
  );
  const file: ModelFile = {
    version: modelVersion,
    featureNames: [...escalationFeatureNames],
    ...parameters,
    threshold,
    thresholdRule,
    training: { method: 'logistic regression, batch gradient descent, L2', ...options },
    trainedOn: {
      generator: generatorVersion,
      seed,
      languages: [...supportedLanguages],
      conversations: {
        train: split.train.length,
        validation: split.validation.length,
        test: split.test.length,
      },
      turns: {
        train: training.length,
        positive: training.filter((example) => example.positive).length,
      },
    },
  };
  return { file, split, validationF1: f1 };
}
