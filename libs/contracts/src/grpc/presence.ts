import type { Metadata, CallOptions } from '@grpc/grpc-js';
import { fileURLToPath } from 'node:url';
import type { Observable } from 'rxjs';
import type { FindCandidatesRequest } from './generated/handoff/presence/v1/FindCandidatesRequest.js';
import type { FindCandidatesResponse__Output } from './generated/handoff/presence/v1/FindCandidatesResponse.js';
import type { ReleaseCapacityRequest } from './generated/handoff/presence/v1/ReleaseCapacityRequest.js';
import type { ReleaseCapacityResponse__Output } from './generated/handoff/presence/v1/ReleaseCapacityResponse.js';
import type { ReserveCapacityRequest } from './generated/handoff/presence/v1/ReserveCapacityRequest.js';
import type { ReserveCapacityResponse__Output } from './generated/handoff/presence/v1/ReserveCapacityResponse.js';
import type { ReserveBestRequest } from './generated/handoff/presence/v1/ReserveBestRequest.js';
import type { ConfirmReservationRequest } from './generated/handoff/presence/v1/ConfirmReservationRequest.js';
import type { ConfirmReservationResponse__Output } from './generated/handoff/presence/v1/ConfirmReservationResponse.js';
import type { ReserveBestResponse__Output } from './generated/handoff/presence/v1/ReserveBestResponse.js';

export type { FindCandidatesRequest__Output } from './generated/handoff/presence/v1/FindCandidatesRequest.js';
export type { FindCandidatesResponse } from './generated/handoff/presence/v1/FindCandidatesResponse.js';
export type { Candidate, Candidate__Output } from './generated/handoff/presence/v1/Candidate.js';
export type { ReserveCapacityRequest__Output } from './generated/handoff/presence/v1/ReserveCapacityRequest.js';
export type { ReserveCapacityResponse } from './generated/handoff/presence/v1/ReserveCapacityResponse.js';
export type { ReleaseCapacityRequest__Output } from './generated/handoff/presence/v1/ReleaseCapacityRequest.js';
export type { ReleaseCapacityResponse } from './generated/handoff/presence/v1/ReleaseCapacityResponse.js';
export type { SkillRequirement } from './generated/handoff/presence/v1/SkillRequirement.js';
export type { ReserveBestRequest__Output } from './generated/handoff/presence/v1/ReserveBestRequest.js';
export type { ReserveBestResponse } from './generated/handoff/presence/v1/ReserveBestResponse.js';
export type { Placement, Placement__Output } from './generated/handoff/presence/v1/Placement.js';
export type { Placed, Placed__Output } from './generated/handoff/presence/v1/Placed.js';
export type { ConfirmReservationRequest__Output } from './generated/handoff/presence/v1/ConfirmReservationRequest.js';
export type { ConfirmReservationResponse } from './generated/handoff/presence/v1/ConfirmReservationResponse.js';
export type {
  FindCandidatesRequest,
  FindCandidatesResponse__Output,
  ReleaseCapacityRequest,
  ReleaseCapacityResponse__Output,
  ReserveCapacityRequest,
  ReserveCapacityResponse__Output,
  ReserveBestRequest,
  ReserveBestResponse__Output,
  ConfirmReservationRequest,
  ConfirmReservationResponse__Output,
};

const protoRoot = fileURLToPath(new URL('../../proto/', import.meta.url));

export const PresenceGrpc = {
  packageName: 'handoff.presence.v1',
  serviceName: 'Presence',
  /** Fully qualified name, as the health service and reflection know it. */
  fullServiceName: 'handoff.presence.v1.Presence',
  protoRoot,
  protoFile: 'handoff/presence/v1/presence.proto',
} as const;

export const HealthGrpc = {
  packageName: 'grpc.health.v1',
  serviceName: 'Health',
  protoFile: 'grpc/health/v1/health.proto',
} as const;

/** proto-loader options matching the generated types (camelCase fields, int64 as string). */
export const protoLoaderOptions = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [protoRoot],
};

/** The Presence service as `ClientGrpc.getService` returns it: every call takes a deadline. */
export interface PresenceService {
  findCandidates(
    request: FindCandidatesRequest,
    metadata: Metadata,
    options: CallOptions,
  ): Observable<FindCandidatesResponse__Output>;
  reserveCapacity(
    request: ReserveCapacityRequest,
    metadata: Metadata,
    options: CallOptions,
  ): Observable<ReserveCapacityResponse__Output>;
  releaseCapacity(
    request: ReleaseCapacityRequest,
    metadata: Metadata,
    options: CallOptions,
  ): Observable<ReleaseCapacityResponse__Output>;
  reserveBest(
    request: ReserveBestRequest,
    metadata: Metadata,
    options: CallOptions,
  ): Observable<ReserveBestResponse__Output>;
  confirmReservation(
    request: ConfirmReservationRequest,
    metadata: Metadata,
    options: CallOptions,
  ): Observable<ConfirmReservationResponse__Output>;
}

export type HealthServingStatus = 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN';
