import { createRequire } from 'node:module';
import { escalationModel, escalationScore } from '../escalation-score/escalation-model.js';
import { scoreMessage } from '../scoring/sentiment-scorer.js';
import { generatedCorpus } from './corpus.js';
import { messagesPerSecond, pairedThroughput } from './throughput.js';
import { triggerLatency } from './trigger-latency.js';

// Scores one generated English corpus with our scorer and with vader-sentiment, on one core, side by side.
interface Vader {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}
const vader = createRequire(import.meta.url)('vader-sentiment') as Vader;

const corpus = generatedCorpus();
console.log(`corpus: ${corpus.length} generated English chat messages`);
// Detection is much slower than scoring, so a slice of the corpus is enough to measure it.
const detecting = messagesPerSecond(corpus.slice(0, 5000), (text) => scoreMessage(text));
console.log(`sentiment with language detection: ${Math.round(detecting)} msg/s`);
const latency = triggerLatency(corpus, {
  version: escalationModel.version,
  threshold: escalationModel.threshold,
  score: escalationScore,
});
console.log(
  `trigger evaluation (scoring, eight triggers, the model; a rule set of 8 keyword lists, 12 business rules, 200 intent skills): ${latency.messages} messages, p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms`,
);
const { ours, theirs, ratio } = pairedThroughput(
  corpus,
  (text) => scoreMessage(text, 'en'),
  (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text),
);
console.log(
  `sentiment: ${Math.round(ours)} msg/s, vader-sentiment: ${Math.round(theirs)} msg/s, ratio ${ratio.toFixed(2)}`,
);
