import { createRequire } from 'node:module';
import { scoreMessage } from '../scoring/sentiment-scorer.js';
import { generatedCorpus } from './corpus.js';
import { messagesPerSecond } from './throughput.js';

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
const ours = messagesPerSecond(corpus, (text) => scoreMessage(text, 'en'));
const theirs = messagesPerSecond(corpus, (text) =>
  vader.SentimentIntensityAnalyzer.polarity_scores(text),
);
console.log(
  `sentiment: ${Math.round(ours)} msg/s, vader-sentiment: ${Math.round(theirs)} msg/s, ratio ${(ours / theirs).toFixed(2)}`,
);
