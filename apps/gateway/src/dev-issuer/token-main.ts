import { parseArgs } from 'node:util';
import { devAudience, devIssuer, devKeys } from './dev-keys.js';
import { mintDevToken } from './dev-token.js';

/** `npm run token -- --tenant acme --role agent --sub agent-ana [--ttl 3600]` prints a dev token. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const ttlSeconds = Number(values.ttl);
  if (
    !values.tenant ||
    !values.role?.length ||
    !values.sub ||
    !Number.isInteger(ttlSeconds) ||
    ttlSeconds < 1
  ) {
    process.stderr.write(
      'usage: npm run token -- --tenant <tenant> --role <agent|supervisor|admin> --sub <subject> [--ttl <seconds>]\n',
    );
    process.exit(2);
  }
  const keys = await devKeys();
  const role = values.role.length === 1 ? values.role[0]! : values.role;
  process.stdout.write(
    `${await mintDevToken(keys, { tenant: values.tenant, role, sub: values.sub, ttlSeconds })}\n`,
  );
  process.stderr.write(
    `verify with AUTH_JWKS_FILE=${keys.jwksFile} AUTH_ISSUER=${devIssuer} AUTH_AUDIENCE=${devAudience}\n`,
  );
}

void main();
