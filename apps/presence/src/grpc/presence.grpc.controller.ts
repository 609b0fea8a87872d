import { Controller } from '@nestjs/common';
import {
  PresenceGrpc,
  type ConfirmReservationRequest__Output,
  type ConfirmReservationResponse,
  type FindCandidatesRequest__Output,
  type FindCandidatesResponse,
  type ReleaseCapacityRequest__Output,
  type ReleaseCapacityResponse,
  type ReserveCapacityRequest__Output,
  type ReserveCapacityResponse,
  type ReserveBestRequest__Output,
  type ReserveBestResponse,
} from '@handoff/contracts';
import { describeError, isTransient } from '@handoff/messaging';
import { inCallerTrace } from '@handoff/service-kit';
import { GrpcMethod, RpcException } from '@nestjs/microservices';
import { status, type Metadata } from '@grpc/grpc-js';
import { AgentDirectory } from '../agents/agent-directory.js';
import { ReservationsService } from '../reservations/reservations.service.js';

const defaultLimit = 20;
const maxLimit = 100;
const maxPlacements = 500;

/** Each call runs in a server span that continues the caller's trace, from the call's metadata. */
@Controller()
export class PresenceGrpcController {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly reservations: ReservationsService,
  ) {}

  @GrpcMethod(PresenceGrpc.serviceName, 'FindCandidates')
  findCandidates(
    request: FindCandidatesRequest__Output,
    metadata?: Metadata,
  ): Promise<FindCandidatesResponse> {
    return inCallerTrace(metadata, 'Presence/FindCandidates', async () => {
      requireFields(request, ['tenantId', 'language']);
      const limit = request.limit > 0 ? Math.min(request.limit, maxLimit) : defaultLimit;
      return this.directory.find({
        tenantId: request.tenantId,
        language: request.language,
        skills: request.skills,
        limit,
      });
    });
  }

  @GrpcMethod(PresenceGrpc.serviceName, 'ReserveCapacity')
  reserveCapacity(
    request: ReserveCapacityRequest__Output,
    metadata?: Metadata,
  ): Promise<ReserveCapacityResponse> {
    return inCallerTrace(metadata, 'Presence/ReserveCapacity', async () => {
      requireFields(request, ['tenantId', 'agentId', 'conversationId']);
      return unavailableWhenStoreIsDown(() =>
        this.reservations.reserve(request.tenantId, request.agentId, request.conversationId),
      );
    });
  }

  @GrpcMethod(PresenceGrpc.serviceName, 'ReleaseCapacity')
  releaseCapacity(
    request: ReleaseCapacityRequest__Output,
    metadata?: Metadata,
  ): Promise<ReleaseCapacityResponse> {
    return inCallerTrace(metadata, 'Presence/ReleaseCapacity', async () => {
      requireFields(request, ['tenantId', 'conversationId']);
      const holder = await unavailableWhenStoreIsDown(() =>
        this.reservations.release(request.tenantId, request.conversationId),
      );
      return { released: holder !== undefined, agentId: holder ?? '' };
    });
  }

  @GrpcMethod(PresenceGrpc.serviceName, 'ConfirmReservation')
  confirmReservation(
    request: ConfirmReservationRequest__Output,
    metadata?: Metadata,
  ): Promise<ConfirmReservationResponse> {
    return inCallerTrace(metadata, 'Presence/ConfirmReservation', async () => {
      requireFields(request, ['tenantId', 'conversationId']);
      const holder = await unavailableWhenStoreIsDown(() =>
        this.reservations.confirm(request.tenantId, request.conversationId),
      );
      return { confirmed: holder !== undefined, agentId: holder ?? '' };
    });
  }

  @GrpcMethod(PresenceGrpc.serviceName, 'ReserveBest')
  reserveBest(
    request: ReserveBestRequest__Output,
    metadata?: Metadata,
  ): Promise<ReserveBestResponse> {
    return inCallerTrace(metadata, 'Presence/ReserveBest', async () => {
      requireFields(request, ['tenantId']);
      if (request.placements.length > maxPlacements)
        throw new RpcException({
          code: status.INVALID_ARGUMENT,
          message: `at most ${maxPlacements} placements per call`,
        });
      request.placements.forEach((placement, index) => {
        const missing = (['conversationId', 'language'] as const).filter(
          (field) => !placement[field],
        );
        if (missing.length > 0)
          throw new RpcException({
            code: status.INVALID_ARGUMENT,
            message: `placement ${index}: missing ${missing.join(', ')}`,
          });
      });
      const placements = request.placements.map((placement) => ({
        ...placement,
        holdMs: Number(placement.holdMs) || 0,
      }));
      const outcomes = await unavailableWhenStoreIsDown(() =>
        this.reservations.placeBest(request.tenantId, placements),
      );
      return {
        placed: outcomes.map((outcome, index) => ({
          conversationId: request.placements[index]!.conversationId,
          ...outcome,
        })),
      };
    });
  }
}

/** A store outage is UNAVAILABLE to the caller, which then waits and retries instead of giving up. */
async function unavailableWhenStoreIsDown<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isTransient(error))
      throw new RpcException({
        code: status.UNAVAILABLE,
        message: `store unavailable: ${describeError(error)}`,
      });
    throw error;
  }
}

function requireFields<T extends object>(request: T, fields: (keyof T & string)[]): void {
  const missing = fields.filter((field) => !request[field]);
  if (missing.length > 0) {
    throw new RpcException({
      code: status.INVALID_ARGUMENT,
      message: `missing ${missing.join(', ')}`,
    });
  }
}
