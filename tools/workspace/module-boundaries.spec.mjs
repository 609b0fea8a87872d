// Proves the lint rule really enforces the project boundaries, not just that lint passes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });
const boundaryRule = '@nx/enforce-module-boundaries';

async function boundaryErrors(filePath, code) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === boundaryRule).map((message) => message.message);
}

describe('module boundaries', () => {
  it('forbid a service importing another service', async () => {
    const errors = await boundaryErrors('apps/routing/src/probe.ts', "import { PresenceAppModule } from '@handoff/presence';\nexport const probe = PresenceAppModule;\n");
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Imports of apps are forbidden/);
  });

  it('forbid the contracts depending on anything but contracts', async () => {
    const errors = await boundaryErrors('libs/contracts/src/probe.ts', "import { EventPublisher } from '@handoff/messaging';\nexport const probe = EventPublisher;\n");
    assert.equal(errors.length, 1);
    assert.match(errors[0], /scope:contracts/);
  });

  it('keep end-to-end tests to the contracts, as an integrator sees the platform', async () => {
    const errors = await boundaryErrors('apps/platform-e2e/src/probe.ts', "import { EventPublisher } from '@handoff/messaging';\nexport const probe = EventPublisher;\n");
    assert.equal(errors.length, 1);
  });

  it('allow a service to use the contracts and shared utilities', async () => {
    const errors = await boundaryErrors(
      'apps/routing/src/probe.ts',
      "import { Topics } from '@handoff/contracts';\nimport { EventPublisher } from '@handoff/messaging';\nexport const probe = [Topics, EventPublisher];\n",
    );
    assert.deepEqual(errors, []);
  });
});
