import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { startServiceUnderTest } from '@handoff/messaging/testing';
import { sharedTopicPartitions } from '@handoff/service-kit/testing';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { ConversationAppModule } from '../app.module.js';
import { loadConversationConfig } from '../config.js';

const issuer = 'handoff-tests';
const audience = 'handoff';

/** Signs tokens the service under test trusts: its JWKS file holds this key. */
export class TestIssuer {
  private constructor(
    private readonly key: CryptoKey,
    readonly jwksFile: string,
  ) {}

  static async create(dir: string): Promise<TestIssuer> {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'tests', alg: 'ES256', use: 'sig' };
    const jwksFile = join(mkdtempSync(join(dir, 'issuer-')), 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [jwk] }));
    return new TestIssuer(privateKey, jwksFile);
  }

  token(claims: { tenant: string; role: string; sub: string; expiresInSeconds?: number }) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ tenant: claims.tenant, role: claims.role })
      .setProtectedHeader({ alg: 'ES256', kid: 'tests' })
      .setSubject(claims.sub)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + (claims.expiresInSeconds ?? 600))
      .sign(this.key);
  }
}

/**
 * The whole conversation service, configured from its environment as main.ts configures it, on
 * the test's broker and store, with reads that trust the test issuer's tokens.
 */
export async function startConversationUnderTest(options: {
  name: string;
  brokers: string[];
  mongoUrl: string;
  privacy?: unknown;
}): Promise<{
  app: INestApplication;
  url: string;
  issuer: TestIssuer;
  /** A folder of the test's own, for more keys. */
  dir: string;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), `${options.name}-`));
  const issuerKeys = await TestIssuer.create(dir);
  const privacyFile = join(dir, 'privacy.json');
  writeFileSync(privacyFile, JSON.stringify(options.privacy ?? { tenants: {} }));
  const config = loadConversationConfig({
    // Not used: the test listens on a free port of its own (below).
    HTTP_PORT: '3001',
    KAFKA_BROKERS: options.brokers.join(','),
    KAFKA_GROUP_ID: options.name,
    KAFKA_CLIENT_ID: options.name,
    KAFKA_TOPIC_PARTITIONS: String(sharedTopicPartitions),
    KAFKA_RETRY_BACKOFF_MS: '10',
    MONGO_URL: options.mongoUrl,
    MONGO_DB: options.name,
    AUTH_ISSUER: issuer,
    AUTH_AUDIENCE: audience,
    AUTH_JWKS_FILE: issuerKeys.jwksFile,
    CONVERSATION_PRIVACY_FILE: privacyFile,
    QUEUE_POSITION_UPDATE_SECONDS: '0',
  });
  const app = await startServiceUnderTest(ConversationAppModule.forRoot(config), {
    brokers: options.brokers,
    groupId: options.name,
    topics: config.messaging.topics,
  });
  await app.listen(0, '127.0.0.1');
  return {
    app,
    url: await app.getUrl(),
    issuer: issuerKeys,
    dir,
    close: async () => {
      await app.get<Connection>(getConnectionToken()).dropDatabase();
      await app.close();
    },
  };
}
