import { describeConnection, type KafkaConnection } from '@handoff/messaging';

const unreachable = new Set([
  'KafkaJSConnectionError',
  'KafkaJSBrokerNotFound',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
]);

/** One line saying why the command failed; a broker it cannot reach or log in to is named as such. */
export function describeFailure(error: unknown, connection: KafkaConnection | undefined): string {
  const chain = causes(error);
  const innermost = chain.at(-1);
  const message = oneLine(innermost instanceof Error ? innermost.message : String(innermost));
  const outer = oneLine(error instanceof Error ? error.message : String(error));
  const where = connection ? describeConnection(connection) : 'the brokers';
  if (
    chain.some((cause) => cause instanceof Error && cause.name === 'KafkaJSSASLAuthenticationError')
  ) {
    return `cannot log in to Kafka at ${where}: ${message}`;
  }
  if (chain.some((cause) => cause instanceof Error && unreachable.has(cause.name)))
    return `cannot reach Kafka at ${where}: ${message}`;
  return outer === message ? outer : `${outer}: ${message}`;
}

/** The error, then what caused it (kafkajs keeps it as `originalError`, others as `cause`). */
function causes(error: unknown): unknown[] {
  const chain = [error];
  for (let current = error; chain.length < 6;) {
    const next =
      typeof current === 'object' && current !== null
        ? ((current as { originalError?: unknown }).originalError ??
          (current as { cause?: unknown }).cause)
        : undefined;
    if (next === undefined || chain.includes(next)) break;
    chain.push(next);
    current = next;
  }
  return chain;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
