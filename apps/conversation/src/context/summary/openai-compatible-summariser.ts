import { Logger } from '@nestjs/common';
import { cut, maxSummarySentences, sentencesOf, type SummaryInput } from './extractive-summary.js';
import { ExtractiveSummariser, type Summariser, type Summary } from './summariser.js';

/** A tenant's chat-completions endpoint (any server speaking the OpenAI chat completions API). */
export interface ChatCompletionsEndpoint {
  url: string;
  model: string;
  /** Longest wait for the answer before the extractive summary is used instead. */
  timeoutMs: number;
  /** The API key, read from the environment at boot, never from the file. */
  apiKey?: string;
}

const instructions =
  'Summarise the customer service case below for the human agent taking it over, in at most ' +
  'three short sentences, in the language of the conversation. Say what the customer wants and ' +
  'what went wrong. Answer with the sentences only.';

/**
 * Asks the tenant's language model for the summary, when the tenant configured one; on any
 * failure (timeout, refusal, an answer without text) the extractive summary is used, and says so.
 */
export class OpenAiCompatibleSummariser implements Summariser {
  private readonly logger = new Logger(OpenAiCompatibleSummariser.name);

  constructor(
    private readonly endpoints: ReadonlyMap<string, ChatCompletionsEndpoint>,
    private readonly fallback: Summariser = new ExtractiveSummariser(),
  ) {}

  async summarise(tenantId: string, input: SummaryInput): Promise<Summary> {
    const endpoint = this.endpoints.get(tenantId) ?? this.endpoints.get('*');
    if (!endpoint || input.customerMessages.length === 0)
      return this.fallback.summarise(tenantId, input);
    try {
      const sentences = await this.ask(endpoint, input);
      if (sentences.length > 0) return { sentences, method: 'llm' };
      this.logger.warn({ message: 'the summariser answered without text', tenantId });
    } catch (error) {
      this.logger.warn({ message: 'the summariser failed', tenantId, error: String(error) });
    }
    return this.fallback.summarise(tenantId, input);
  }

  private async ask(endpoint: ChatCompletionsEndpoint, input: SummaryInput): Promise<string[]> {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: endpoint.model,
        temperature: 0,
        messages: [
          { role: 'system', content: instructions },
          {
            role: 'user',
            content: input.conversation.map(({ sender, text }) => `${sender}: ${text}`).join('\n'),
          },
        ],
      }),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
    if (!response.ok) throw new Error(`status ${response.status}`);
    const answer = (await response.json()) as {
      choices?: { message?: { content?: unknown } }[];
    };
    const content = answer.choices?.[0]?.message?.content;
    if (typeof content !== 'string') return [];
    return sentencesOf(content).slice(0, maxSummarySentences).map(cut);
  }
}

export type { SummaryInput };
