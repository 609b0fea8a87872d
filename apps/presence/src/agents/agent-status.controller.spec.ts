import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Principal } from '@handoff/service-kit';
import { AgentDirectory } from './agent-directory.js';
import { agent } from './agent.fixtures.js';
import { AgentStatusController } from './agent-status.controller.js';
import type { AgentsService } from './agents.service.js';

describe('reading an agent from presence', () => {
  const directory = new AgentDirectory();
  directory.apply(agent('ana'));
  directory.apply(agent('bo'));
  const controller = new AgentStatusController({ directory } as unknown as AgentsService);
  const caller = (
    subject: string,
    role: Principal['roles'][number],
    tenantId = 'acme',
  ): Principal => ({
    tenantId,
    subject,
    roles: [role],
  });

  it('lets an agent read themselves, and no other agent', () => {
    assert.equal(controller.get('ana', caller('ana', 'agent')).agentId, 'ana');
    assert.throws(() => controller.get('bo', caller('ana', 'agent')), ForbiddenException);
  });

  it('lets a supervisor or an admin read any agent of their tenant', () => {
    assert.equal(controller.get('bo', caller('sup', 'supervisor')).agentId, 'bo');
    assert.equal(controller.get('ana', caller('root', 'admin')).agentId, 'ana');
  });

  it("finds no agent of another tenant: the tenant is the token's", () => {
    assert.throws(
      () => controller.get('ana', caller('sup', 'supervisor', 'globex')),
      NotFoundException,
    );
    assert.throws(() => controller.get('ana', caller('ana', 'agent', 'globex')), NotFoundException);
  });
});
