import { devToken } from './dev-tokens.js';

const supervisorTokens = new Map<string, Promise<string>>();

/**
 * Reads an agent from presence as a supervisor of their tenant does: with a token of the
 * development issuer, which names the tenant (presence never takes one from the request).
 */
export async function readAgent(
  presenceUrl: string,
  tenantId: string,
  agentId: string,
): Promise<Response> {
  let token = supervisorTokens.get(tenantId);
  if (!token) {
    token = devToken({ tenant: tenantId, role: 'supervisor', sub: 'supervisor-tests' });
    supervisorTokens.set(tenantId, token);
  }
  return fetch(`${presenceUrl}/v1/agents/${encodeURIComponent(agentId)}`, {
    headers: { authorization: `Bearer ${await token}` },
  });
}
