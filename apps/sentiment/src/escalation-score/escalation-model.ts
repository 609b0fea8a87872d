import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ConversationSignals } from '../signals/conversation-signals.js';
import { escalationFeatureNames, escalationFeatures } from './features.js';
import { probability } from './logistic.js';
import { checkFeatureNames, checkModelFile, modelFileUrl, type ModelFile } from './model-file.js';

/** Reads and checks the versioned weights file once, when the service starts. */
function loadModel(): ModelFile {
  const path = fileURLToPath(modelFileUrl);
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`The escalation model ${path} cannot be read: ${(error as Error).message}`);
  }
  const file = checkModelFile(content, path);
  checkFeatureNames(file, escalationFeatureNames);
  return file;
}

const model = loadModel();

/** Which weights are loaded and the score at which they recommend a human. */
export const escalationModel: {
  version: string;
  threshold: number;
  featureNames: readonly string[];
} = Object.freeze({
  version: model.version,
  threshold: model.threshold,
  featureNames: Object.freeze([...model.featureNames]),
});

/**
 * Probability 0..1 that the conversation needs a human, from the trained logistic regression over
 * `escalationFeatures`. `now` defaults to the last message's time.
 */
export function escalationScore(
  signals: ConversationSignals,
  now: number = signals.lastMessageAt,
): number {
  return probability(model, escalationFeatures(signals, now));
}
