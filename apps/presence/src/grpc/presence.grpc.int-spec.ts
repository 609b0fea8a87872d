import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import {
  PresenceGrpc,
  type FindCandidatesRequest,
  type FindCandidatesResponse__Output,
  type HealthServingStatus,
  type ReleaseCapacityRequest,
  type ReleaseCapacityResponse__Output,
  type ReserveCapacityRequest,
  type ReserveCapacityResponse__Output,
} from '@handoff/contracts';
import { uniqueName } from '@handoff/service-kit/testing';
import { assertGrpcError, PresenceOverGrpc, unary } from './presence-grpc.fixtures.js';

const under = new PresenceOverGrpc('int_presence_grpc');
const tenantId = under.tenantId;

const findCandidates = (request: FindCandidatesRequest) =>
  under.call<FindCandidatesRequest, FindCandidatesResponse__Output>('FindCandidates', request);
const reserveCapacity = (request: ReserveCapacityRequest) =>
  under.call<ReserveCapacityRequest, ReserveCapacityResponse__Output>('ReserveCapacity', request);
const releaseCapacity = (request: ReleaseCapacityRequest) =>
  under.call<ReleaseCapacityRequest, ReleaseCapacityResponse__Output>('ReleaseCapacity', request);
const reserveBest = (request: {
  tenantId?: string;
  placements?: {
    conversationId?: string;
    language?: string;
    skills?: { name: string; minProficiency: number }[];
    strategy?: string;
    preferredAgentId?: string;
    preferredOnly?: boolean;
    otherLanguages?: string[];
  }[];
}) =>
  under.call<
    typeof request,
    {
      placed: {
        conversationId: string;
        reserved: boolean;
        agentId: string;
        onlineAgents: number;
        matchingAgents: number;
      }[];
    }
  >('ReserveBest', request);
const checkHealth = (service: string) =>
  unary<{ service: string }, { status: HealthServingStatus }>(under.health, 'Check', { service });
const agentIs = (agentId: string, changes: Parameters<PresenceOverGrpc['agentIs']>[1]) =>
  under.agentIs(agentId, changes);

describe('presence over a real gRPC socket, backed by a real store', () => {
  before(async () => {
    await under.start();

    await agentIs('ana', { skills: [{ name: 'billing', proficiency: 4 }], capacity: 2 });
    await agentIs('bo', { skills: [{ name: 'billing', proficiency: 2 }], languages: ['en', 'es'] });
    await agentIs('cy', { skills: [{ name: 'billing', proficiency: 5 }], languages: ['es'] });
    await agentIs('dee', { skills: [{ name: 'billing', proficiency: 5 }], status: 'offline' });
  });

  after(() => under.stop());

  it('serves grpc.health.v1 for the server and the Presence service, and nothing else', async () => {
    assert.equal((await checkHealth('')).status, 'SERVING');
    assert.equal((await checkHealth(PresenceGrpc.fullServiceName)).status, 'SERVING');
    assert.equal((await checkHealth('handoff.routing.v1.Routing')).status, 'SERVICE_UNKNOWN');
  });

  it('finds online agents of the tenant who speak the language and hold the skill', async () => {
    const found = await findCandidates({
      tenantId,
      language: 'en',
      skills: [{ name: 'billing', minProficiency: 3 }],
    });

    assert.equal(found.onlineAgents, 3, 'ana, bo and cy are online');
    assert.equal(found.matchingAgents, 1);
    assert.deepEqual(found.candidates, [
      {
        agentId: 'ana',
        displayName: 'ana',
        proficiency: 4,
        activeChats: 0,
        capacity: 2,
        lastAssignedAtMs: '0',
      },
    ]);

    const anyone = await findCandidates({ tenantId, language: 'en', skills: [], limit: 1 });
    assert.equal(anyone.matchingAgents, 2);
    assert.equal(anyone.candidates.length, 1, 'the limit is applied');

    const otherTenant = await findCandidates({
      tenantId: `other_${tenantId}`,
      language: 'en',
      skills: [],
    });
    assert.deepEqual(otherTenant, { candidates: [], onlineAgents: 0, matchingAgents: 0 });
  });

  it('reserves a slot once per conversation and gives it back on release', async () => {
    const conversationId = uniqueName('conv');
    const reserved = await reserveCapacity({ tenantId, agentId: 'ana', conversationId });
    assert.deepEqual(reserved, {
      reserved: true,
      agentId: 'ana',
      displayName: 'ana',
      activeChats: 1,
    });
    assert.deepEqual(
      await reserveCapacity({ tenantId, agentId: 'ana', conversationId }),
      reserved,
      'a retried call holds the same slot',
    );

    const [ana] = (
      await findCandidates({
        tenantId,
        language: 'en',
        skills: [{ name: 'billing', minProficiency: 3 }],
      })
    ).candidates;
    assert.equal(ana?.activeChats, 1);
    assert.ok(Number(ana?.lastAssignedAtMs) > 0);

    assert.deepEqual(await releaseCapacity({ tenantId, conversationId }), {
      released: true,
      agentId: 'ana',
    });
    assert.deepEqual(await releaseCapacity({ tenantId, conversationId }), {
      released: false,
      agentId: '',
    });
    const [released] = (
      await findCandidates({
        tenantId,
        language: 'en',
        skills: [{ name: 'billing', minProficiency: 3 }],
      })
    ).candidates;
    assert.equal(released?.activeChats, 0);
  });

  it('gives the last slot to exactly one of ten concurrent callers', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        reserveCapacity({ tenantId, agentId: 'bo', conversationId: uniqueName('conv') }),
      ),
    );
    assert.equal(outcomes.filter((outcome) => outcome.reserved).length, 1);
    assert.ok(
      outcomes.filter((outcome) => !outcome.reserved).every((outcome) => outcome.activeChats === 0),
    );
  });

  it('places conversations in order with the best free agent, one call for all, and says why the rest wait', async () => {
    await agentIs('ed', {
      skills: [{ name: 'refunds', proficiency: 3 }],
      languages: ['pt'],
      capacity: 1,
    });
    const [first, second] = [uniqueName('conv'), uniqueName('conv')];
    const refunds = [{ name: 'refunds', minProficiency: 1 }];
    const { placed } = await reserveBest({
      tenantId,
      placements: [
        { conversationId: first, language: 'pt-BR', skills: refunds },
        { conversationId: second, language: 'pt-BR', skills: refunds },
      ],
    });
    assert.deepEqual(
      placed.map(({ conversationId, reserved, agentId }) => [conversationId, reserved, agentId]),
      [
        [first, true, 'ed'],
        [second, false, ''],
      ],
      'a pt-BR conversation reaches a pt agent; the second finds him full',
    );
    assert.equal(placed[1]!.matchingAgents, 1);
    assert.ok(placed[1]!.onlineAgents >= 1);
    await assert.rejects(
      reserveBest({ tenantId, placements: [{ conversationId: uniqueName('conv') }] }),
      assertGrpcError(grpc.status.INVALID_ARGUMENT, /placement 0: missing language/),
    );
  });

  it('places by the strategy each placement names', async () => {
    const french = { language: 'fr', skills: [{ name: 'claims', minProficiency: 1 }] };
    await agentIs('fr-expert', {
      skills: [{ name: 'claims', proficiency: 5 }],
      languages: ['fr'],
      capacity: 3,
    });
    await agentIs('fr-junior', {
      skills: [{ name: 'claims', proficiency: 1 }],
      languages: ['fr'],
      capacity: 4,
    });
    const placeOne = async (placement: {
      strategy: string;
      preferredAgentId?: string;
      preferredOnly?: boolean;
    }) => {
      const { placed } = await reserveBest({
        tenantId,
        placements: [{ conversationId: uniqueName('conv'), ...french, ...placement }],
      });
      return placed[0]!.reserved ? placed[0]!.agentId : 'queued';
    };
    const roundRobin = [];
    for (let turn = 0; turn < 3; turn++)
      roundRobin.push(await placeOne({ strategy: 'round_robin' }));
    assert.deepEqual(
      roundRobin,
      ['fr-expert', 'fr-junior', 'fr-expert'],
      'round_robin takes turns',
    );
    assert.equal(await placeOne({ strategy: 'most_skilled' }), 'fr-expert');
    assert.equal(
      await placeOne({ strategy: 'least_loaded' }),
      'fr-junior',
      '1 of 4 in use against 3 of 3',
    );
    assert.equal(
      await placeOne({
        strategy: 'preferred_agent',
        preferredAgentId: 'fr-junior',
        preferredOnly: true,
      }),
      'fr-junior',
    );
    assert.equal(
      await placeOne({
        strategy: 'preferred_agent',
        preferredAgentId: 'fr-expert',
        preferredOnly: true,
      }),
      'queued',
      'the preferred agent is full and no one else will do',
    );
    assert.equal(
      await placeOne({ strategy: 'preferred_agent', preferredAgentId: 'fr-expert' }),
      'fr-junior',
      'without preferred_only, the most skilled free agent',
    );
  });

  it('places with an agent of an other language the placement accepts, its own language first', async () => {
    const claims = [{ name: 'claims-nl', minProficiency: 1 }];
    await agentIs('it-speaker', {
      skills: [{ name: 'claims-nl', proficiency: 3 }],
      languages: ['it-CH'],
      capacity: 2,
    });
    const placeDutch = async (otherLanguages?: string[]) => {
      const { placed } = await reserveBest({
        tenantId,
        placements: [
          { conversationId: uniqueName('conv'), language: 'nl', skills: claims, otherLanguages },
        ],
      });
      return placed[0]!.reserved ? placed[0]!.agentId : 'queued';
    };
    assert.equal(await placeDutch(), 'queued', 'no Dutch speaker');
    assert.equal(await placeDutch(['de', 'it']), 'it-speaker', 'Italian will do');
    await agentIs('nl-speaker', {
      skills: [{ name: 'claims-nl', proficiency: 3 }],
      languages: ['nl'],
      capacity: 4,
    });
    for (let held = 0; held < 3; held++)
      await reserveCapacity({
        tenantId,
        agentId: 'nl-speaker',
        conversationId: uniqueName('conv'),
      });
    assert.equal(
      await placeDutch(['it']),
      'nl-speaker',
      'as skilled, though more loaded (3 of 4 against 1 of 2): the language asked for first',
    );
  });

  it('answers INVALID_ARGUMENT, naming the fields, when required fields are missing', async () => {
    await assert.rejects(
      findCandidates({ tenantId, skills: [] }),
      assertGrpcError(grpc.status.INVALID_ARGUMENT, /language/),
    );
    await assert.rejects(
      reserveCapacity({ tenantId, conversationId: uniqueName('conv') }),
      assertGrpcError(grpc.status.INVALID_ARGUMENT, /agentId/),
    );
    await assert.rejects(
      releaseCapacity({}),
      assertGrpcError(grpc.status.INVALID_ARGUMENT, /tenantId, conversationId/),
    );
  });
});
