import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));

/** Where the development issuer keeps its keys, and what services check its tokens with. */
export const devAuthEnv = {
  AUTH_ISSUER: 'handoff-dev-issuer',
  AUTH_AUDIENCE: 'handoff',
  AUTH_JWKS_FILE: join(repoRoot, '.local', 'dev-auth', 'jwks.json'),
};

const tokenCli = () => join(repoRoot, 'apps', 'gateway', 'dist', 'dev-issuer', 'token-main.js');

/** The issuer's keys, made on first use, so services that check tokens can read them at boot. */
export function ensureDevKeys(): void {
  if (existsSync(devAuthEnv.AUTH_JWKS_FILE)) return;
  execFileSync(
    process.execPath,
    [tokenCli(), '--tenant', 'setup', '--role', 'agent', '--sub', 'setup'],
    {
      stdio: 'ignore',
    },
  );
}

/**
 * A token from the development issuer (`npm run token`), as a person's identity provider would
 * give one.
 */
export async function devToken(claims: {
  tenant: string;
  role: string;
  sub: string;
}): Promise<string> {
  const { stdout } = await run(process.execPath, [
    tokenCli(),
    '--tenant',
    claims.tenant,
    '--role',
    claims.role,
    '--sub',
    claims.sub,
  ]);
  return stdout.trim();
}
