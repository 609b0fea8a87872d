import { parseArgs } from 'node:util';
import { scoreMessage } from '../scoring/sentiment-scorer.js';

/** Reads `--language xx`; without it each line's language is detected. */
export function languageOption(args: string[]): string | undefined {
  const { values } = parseArgs({ args, options: { language: { type: 'string' } } });
  return values.language;
}

/** One output line per input line: `<sentiment>\t<frustration>\t<language>`. */
export function scoreLine(line: string, language?: string): string {
  const { sentiment, frustration, language: used } = scoreMessage(line, language);
  return `${sentiment}\t${frustration}\t${used}`;
}

export async function* scoreLines(
  lines: AsyncIterable<string>,
  language?: string,
): AsyncGenerator<string> {
  for await (const line of lines) yield scoreLine(line, language);
}
