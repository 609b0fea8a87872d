/**
 * A dependency is down or slow (the store, presence, the broker): the work is fine and will succeed
 * later. Throw it, or let the classifier recognise the client library's own error, so the consumer
 * waits and retries instead of dead-lettering valid work.
 */
export class TransientError extends Error {
  override readonly name = 'TransientError';
}

/**
 * The event itself can never be processed (it names a conversation that never started, breaks a
 * limit): retrying cannot help, so it is dead-lettered at once with this message as the reason.
 */
export class RejectedEventError extends Error {
  override readonly name = 'RejectedEventError';

  /** `eventId` names the event of a batch that is rejected, so the rest of the batch goes on without it. */
  constructor(
    message: string,
    readonly eventId?: string,
  ) {
    super(message);
  }
}

export function isRejection(error: unknown): boolean {
  return (
    error instanceof RejectedEventError ||
    (error as { name?: unknown })?.name === 'RejectedEventError'
  );
}

// gRPC status codes that say "try again later", not "this request is wrong".
const transientGrpcCodes = new Set([
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  10, // ABORTED
  14, // UNAVAILABLE
]);

// MongoDB driver and mongoose errors raised when the server cannot be reached or answered nothing.
const transientMongoNames = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
  'MongoOperationTimeoutError',
  'MongoWriteConcernError',
]);

// Server error codes of a MongoDB that is stepping down, shutting down or overloaded.
const transientMongoCodes = new Set([
  6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436,
]);

const transientSystemCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  retriable?: unknown;
  metadata?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errorLabels?: unknown;
}

/**
 * True when the error says a dependency is unavailable rather than that the event cannot be
 * processed. Anything not recognised is treated as deterministic: retried a few times, then
 * dead-lettered. Causes are followed, since clients wrap the network error they met.
 */
export function isTransient(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  if (error instanceof TransientError || name === 'TransientError') return true;
  if (name.startsWith('KafkaJS')) return isTransientKafkaError(e, depth);
  if (transientMongoNames.has(name)) return true;
  if (name === 'MongoServerError' || name === 'MongoBulkWriteError') {
    if (typeof e.code === 'number' && transientMongoCodes.has(e.code)) return true;
    if (
      Array.isArray(e.errorLabels) &&
      e.errorLabels.some((label) => label === 'RetryableWriteError' || label === 'ResetPool')
    )
      return true;
    // A bulk write the server refused nothing of, and that has no server code, never reached it.
    const writeErrors = (e as { writeErrors?: unknown }).writeErrors;
    if (
      name === 'MongoBulkWriteError' &&
      e.code === undefined &&
      !(Array.isArray(writeErrors) && writeErrors.length > 0)
    )
      return true;
  }
  if (
    name.startsWith('Mongo') &&
    typeof e.message === 'string' &&
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN/.test(e.message)
  ) {
    return true;
  }
  if (
    typeof e.message === 'string' &&
    /buffering timed out|connection .* closed|Client must be connected/i.test(e.message)
  )
    return true;
  if (typeof e.code === 'number' && typeof e.metadata === 'object' && e.metadata !== null)
    return transientGrpcCodes.has(e.code);
  if (typeof e.code === 'string' && transientSystemCodes.has(e.code)) return true;
  return isTransient(e.cause, depth + 1) || isTransient(e.originalError, depth + 1);
}

/**
 * kafkajs marks what a retry can fix. Retries it ran out of are still an outage, and so is a
 * refused authorisation or login (an operator fixes the ACL or the secret; the events are fine);
 * a record the broker refuses for itself (too large, invalid) is not.
 */
function isTransientKafkaError(e: ErrorLike, depth: number): boolean {
  if (
    e.name === 'KafkaJSNumberOfRetriesExceeded' ||
    e.name === 'KafkaJSConnectionError' ||
    e.name === 'KafkaJSRequestTimeoutError'
  ) {
    return true;
  }
  if (e.name === 'KafkaJSSASLAuthenticationError') return true;
  const type = (e as { type?: unknown }).type;
  if (
    typeof type === 'string' &&
    (type.endsWith('_AUTHORIZATION_FAILED') || type === 'SASL_AUTHENTICATION_FAILED')
  )
    return true;
  if (type === 'MESSAGE_TOO_LARGE') return false;
  return (
    e.retriable === true ||
    isTransient(e.cause, depth + 1) ||
    isTransient(e.originalError, depth + 1)
  );
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
