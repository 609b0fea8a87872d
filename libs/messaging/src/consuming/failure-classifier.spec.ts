import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TransientError, describeError, isTransient } from './failure-classifier.js';

/** An Error with the extra fields client libraries put on theirs. */
function errorLike(name: string, message: string, fields: Record<string, unknown> = {}): Error {
  const error = new Error(message);
  error.name = name;
  return Object.assign(error, fields);
}

function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:27017`), {
    code,
    errno: -111,
    syscall: 'connect',
  });
}

const econnrefused = systemError('ECONNREFUSED');

const cases: [description: string, error: unknown, transient: boolean][] = [
  // What a handler throws on purpose.
  ['TransientError', new TransientError('store unreachable'), true],
  [
    'an error named TransientError from another copy of the library',
    errorLike('TransientError', 'presence down'),
    true,
  ],

  // gRPC (presence): the status code decides.
  ['gRPC UNAVAILABLE (14)', { code: 14, details: 'No connection established', metadata: {} }, true],
  ['gRPC DEADLINE_EXCEEDED (4)', { code: 4, metadata: {} }, true],
  ['gRPC RESOURCE_EXHAUSTED (8)', { code: 8, metadata: {} }, true],
  ['gRPC ABORTED (10)', { code: 10, metadata: {} }, true],
  [
    'gRPC UNAVAILABLE as an Error, the way grpc-js raises it',
    errorLike('Error', '14 UNAVAILABLE: No connection established', { code: 14, metadata: {} }),
    true,
  ],
  ['gRPC INVALID_ARGUMENT (3)', { code: 3, details: 'agentId is required', metadata: {} }, false],
  [
    'gRPC NOT_FOUND (5)',
    errorLike('Error', '5 NOT_FOUND: agent', { code: 5, metadata: {} }),
    false,
  ],
  ['gRPC INTERNAL (13)', { code: 13, metadata: {} }, false],
  ['a numeric code without gRPC metadata', { code: 14 }, false],

  // MongoDB driver and mongoose.
  [
    'MongoNetworkError',
    errorLike('MongoNetworkError', 'connection 3 to 127.0.0.1:27017 timed out'),
    true,
  ],
  [
    'MongoServerSelectionError',
    errorLike('MongoServerSelectionError', 'Server selection timed out after 30000 ms'),
    true,
  ],
  [
    'MongooseServerSelectionError',
    errorLike(
      'MongooseServerSelectionError',
      'Could not connect to any servers in your MongoDB Atlas cluster',
    ),
    true,
  ],
  [
    'MongoServerError 11000 (duplicate key)',
    errorLike(
      'MongoServerError',
      'E11000 duplicate key error collection: routing.decisions index: _id_',
      { code: 11000 },
    ),
    false,
  ],
  [
    'MongoServerError 121 (document failed validation)',
    errorLike('MongoServerError', 'Document failed validation', { code: 121 }),
    false,
  ],
  [
    'MongoServerError 91 (shutdown in progress)',
    errorLike('MongoServerError', 'The server is in quiesce mode and will shut down', { code: 91 }),
    true,
  ],
  [
    'MongoServerError 11600 (interrupted at shutdown)',
    errorLike('MongoServerError', 'interrupted at shutdown', { code: 11600 }),
    true,
  ],
  [
    'MongoServerError labelled RetryableWriteError',
    errorLike('MongoServerError', 'not primary', {
      code: 99999,
      errorLabels: ['RetryableWriteError'],
    }),
    true,
  ],
  [
    'a transient Mongo code on an error that is not a MongoServerError',
    errorLike('ValidationError', 'bad', { code: 91 }),
    false,
  ],
  [
    'mongoose buffering timeout',
    errorLike('MongooseError', 'Operation `agents.find()` buffering timed out after 10000ms'),
    true,
  ],

  // Node system errors.
  ['ECONNREFUSED', econnrefused, true],
  ['ECONNRESET', systemError('ECONNRESET'), true],
  ['ETIMEDOUT', systemError('ETIMEDOUT'), true],
  ['EACCES (a permission problem, not an outage)', systemError('EACCES'), false],

  // kafkajs (a handler's own produce, or the dead-letter write).
  [
    'KafkaJSConnectionError',
    errorLike('KafkaJSConnectionError', 'Connection error: connect ECONNREFUSED 127.0.0.1:9092', {
      retriable: true,
    }),
    true,
  ],
  [
    'KafkaJSNumberOfRetriesExceeded',
    errorLike('KafkaJSNumberOfRetriesExceeded', 'Number of retries exceeded', { retriable: false }),
    true,
  ],
  [
    'KafkaJSRequestTimeoutError',
    errorLike('KafkaJSRequestTimeoutError', 'Request Produce(key: 0, version: 7) timed out', {
      retriable: true,
    }),
    true,
  ],
  // What the driver throws for insertMany when the store is down: a bulk error with nothing refused.
  [
    'MongoBulkWriteError that never reached the server',
    Object.assign(errorLike('MongoBulkWriteError', 'connect ECONNREFUSED 127.0.0.1:27017'), {
      writeErrors: [],
      code: undefined,
    }),
    true,
  ],
  [
    'MongoBulkWriteError with a refused write',
    Object.assign(errorLike('MongoBulkWriteError', 'E11000 duplicate key'), {
      writeErrors: [{ code: 11000 }],
      code: 11000,
    }),
    false,
  ],
  [
    'KafkaJSProtocolError MESSAGE_TOO_LARGE',
    { name: 'KafkaJSProtocolError', type: 'MESSAGE_TOO_LARGE', retriable: false },
    false,
  ],
  [
    'KafkaJSProtocolError MESSAGE_TOO_LARGE even if marked retriable',
    { name: 'KafkaJSProtocolError', type: 'MESSAGE_TOO_LARGE', retriable: true },
    false,
  ],
  [
    'KafkaJSProtocolError that kafkajs calls retriable',
    errorLike('KafkaJSProtocolError', 'This server is not the leader for that topic-partition', {
      type: 'NOT_LEADER_FOR_PARTITION',
      retriable: true,
    }),
    true,
  ],
  [
    'KafkaJSProtocolError that kafkajs does not call retriable',
    errorLike(
      'KafkaJSProtocolError',
      'The request included a message larger than the max message size',
      { type: 'INVALID_RECORD', retriable: false },
    ),
    false,
  ],
  // An operator fixes an ACL or a secret; the events themselves are fine.
  [
    'KafkaJSProtocolError TOPIC_AUTHORIZATION_FAILED',
    errorLike('KafkaJSProtocolError', 'Not authorized to access topics', {
      type: 'TOPIC_AUTHORIZATION_FAILED',
      retriable: false,
    }),
    true,
  ],
  [
    'KafkaJSSASLAuthenticationError',
    errorLike('KafkaJSSASLAuthenticationError', 'SASL SCRAM SHA512 authentication failed', {
      retriable: false,
    }),
    true,
  ],
  [
    'KafkaJSNonRetriableError wrapping a connection error',
    errorLike('KafkaJSNonRetriableError', 'Connection error', {
      retriable: false,
      originalError: errorLike('KafkaJSConnectionError', 'Connection error'),
    }),
    true,
  ],
  [
    'KafkaJSNonRetriableError wrapping MESSAGE_TOO_LARGE',
    errorLike('KafkaJSNonRetriableError', 'too large', {
      retriable: false,
      originalError: errorLike('KafkaJSProtocolError', 'too large', {
        type: 'MESSAGE_TOO_LARGE',
        retriable: false,
      }),
    }),
    false,
  ],

  // What a bug or bad data throws.
  ['a plain Error', new Error('agent has no skills'), false],
  ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'agentId')"), false],
  ['a RangeError', new RangeError('Invalid time value'), false],

  // Causes are followed.
  [
    'an Error caused by ECONNREFUSED',
    new Error('could not load the agent', { cause: econnrefused }),
    true,
  ],
  [
    'an Error caused by an Error caused by a MongoNetworkError',
    new Error('a', { cause: new Error('b', { cause: errorLike('MongoNetworkError', 'c') }) }),
    true,
  ],
  [
    'an error whose originalError is ECONNRESET',
    errorLike('SomeClientError', 'request failed', { originalError: systemError('ECONNRESET') }),
    true,
  ],
  [
    'an Error caused by a TypeError',
    new Error('could not load the agent', { cause: new TypeError('x is undefined') }),
    false,
  ],

  // Not errors at all.
  ['undefined', undefined, false],
  ['null', null, false],
  ['a string naming a transient code', 'ECONNREFUSED', false],
  ['a number', 14, false],
];

describe('isTransient', () => {
  for (const [description, error, transient] of cases) {
    it(`${transient ? 'waits and retries' : 'does not treat as an outage'}: ${description}`, () => {
      assert.equal(isTransient(error), transient);
    });
  }

  it('terminates on a cycle of causes', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    Object.assign(first, { cause: second });
    assert.equal(isTransient(first), false);
  });

  it('terminates on a cycle of causes between kafkajs errors', () => {
    const first = errorLike('KafkaJSError', 'first', { retriable: false });
    const second = errorLike('KafkaJSError', 'second', { retriable: false, cause: first });
    Object.assign(first, { cause: second });
    assert.equal(isTransient(first), false);
  });
});

describe('describeError', () => {
  it("gives an Error's message, or its name when the message is empty", () => {
    assert.equal(describeError(new TypeError('bad input')), 'bad input');
    assert.equal(describeError(new TransientError()), 'TransientError');
  });

  it('turns anything else into a string', () => {
    assert.equal(describeError('plain text'), 'plain text');
    assert.equal(describeError(undefined), 'undefined');
  });
});
