import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  cut,
  extractiveSummary,
  maxSummarySentenceLength,
  type SummaryInput,
} from './extractive-summary.js';
import { OpenAiCompatibleSummariser } from './openai-compatible-summariser.js';

const customer = (messageId: string, text: string) => ({ messageId, text });

const customerMessages = [
  customer('m-1', 'Hello there.'),
  customer('m-2', 'I was charged twice for order 1234. The refund never arrived.'),
  customer('m-3', 'Nice weather today.'),
  customer('m-4', 'Why is my refund for the double charge taking so long?'),
  customer('m-5', 'I want to talk to a person.'),
];

const input: SummaryInput = {
  customerMessages,
  conversation: [
    ...customerMessages.map(({ text }) => ({ sender: 'customer', text })),
    { sender: 'bot', text: 'Refunds take five days. Your refund for the charge is on its way.' },
  ],
  escalationMessageId: 'm-5',
};

describe('extractiveSummary', () => {
  it("keeps at most three of the customer's sentences on the case, in the order said", () => {
    assert.deepEqual(extractiveSummary(input), [
      'I was charged twice for order 1234.',
      'Why is my refund for the double charge taking so long?',
      'I want to talk to a person.',
    ]);
  });

  it('without the escalation message, the case terms win', () => {
    const withoutEscalation = { ...input };
    delete withoutEscalation.escalationMessageId;
    assert.deepEqual(extractiveSummary(withoutEscalation), [
      'I was charged twice for order 1234.',
      'The refund never arrived.',
      'Why is my refund for the double charge taking so long?',
    ]);
  });

  it('returns every sentence when there are three or fewer, and nothing without words', () => {
    assert.deepEqual(
      extractiveSummary({ ...input, customerMessages: [customer('m', 'Good morning. Refund!')] }),
      ['Good morning.', 'Refund!'],
    );
    assert.deepEqual(
      extractiveSummary({ ...input, customerMessages: [customer('m', '?? !!')] }),
      [],
    );
  });

  it('cuts a long sentence at a word', () => {
    const long = `${'refund '.repeat(120)}now`;
    const cutDown = cut(long);
    assert.ok(cutDown.length <= maxSummarySentenceLength);
    assert.ok(cutDown.endsWith('refund…'));
  });
});

describe('OpenAiCompatibleSummariser', () => {
  let server: Server;
  let url: string;
  const requests: { body: Record<string, unknown>; authorization?: string }[] = [];
  let answer: (response: import('node:http').ServerResponse) => void;

  const body = async (request: IncomingMessage) => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    return JSON.parse(text) as Record<string, unknown>;
  };

  before(async () => {
    server = createServer((request, response) => {
      void body(request).then((parsed) => {
        requests.push({ body: parsed, authorization: request.headers.authorization });
        answer(response);
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const summariser = (timeoutMs = 2000) =>
    new OpenAiCompatibleSummariser(
      new Map([['acme', { url, model: 'small-model', timeoutMs, apiKey: 'key-1' }]]),
    );

  it("asks the tenant's model and keeps at most three of its sentences", async () => {
    answer = (response) =>
      response.end(
        JSON.stringify({
          choices: [{ message: { content: 'Charged twice. Refund late. Wants a person. Angry.' } }],
        }),
      );
    const summary = await summariser().summarise('acme', input);
    assert.deepEqual(summary, {
      sentences: ['Charged twice.', 'Refund late.', 'Wants a person.'],
      method: 'llm',
    });
    const sent = requests.at(-1)!;
    assert.equal(sent.authorization, 'Bearer key-1');
    assert.equal(sent.body['model'], 'small-model');
    const messages = sent.body['messages'] as { role: string; content: string }[];
    assert.match(messages[1]!.content, /^customer: Hello there\.\ncustomer: I was charged twice/);
  });

  it('falls back to the extractive summary on an error, a timeout or an empty answer', async () => {
    const extractive = { sentences: extractiveSummary(input), method: 'extractive' };
    answer = (response) => {
      response.statusCode = 500;
      response.end('{}');
    };
    assert.deepEqual(await summariser().summarise('acme', input), extractive);
    answer = (response) => response.end(JSON.stringify({ choices: [] }));
    assert.deepEqual(await summariser().summarise('acme', input), extractive);
    answer = (response) => setTimeout(() => response.end('{}'), 500);
    assert.deepEqual(await summariser(100).summarise('acme', input), extractive);
  });

  it('does not call out for tenants without a model', async () => {
    const before = requests.length;
    const summary = await summariser().summarise('globex', input);
    assert.equal(summary.method, 'extractive');
    assert.equal(requests.length, before);
  });
});
