// Original file: proto/handoff/presence/v1/presence.proto

import type * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type {
  ConfirmReservationRequest as _handoff_presence_v1_ConfirmReservationRequest,
  ConfirmReservationRequest__Output as _handoff_presence_v1_ConfirmReservationRequest__Output,
} from '../../../handoff/presence/v1/ConfirmReservationRequest.js';
import type {
  ConfirmReservationResponse as _handoff_presence_v1_ConfirmReservationResponse,
  ConfirmReservationResponse__Output as _handoff_presence_v1_ConfirmReservationResponse__Output,
} from '../../../handoff/presence/v1/ConfirmReservationResponse.js';
import type {
  FindCandidatesRequest as _handoff_presence_v1_FindCandidatesRequest,
  FindCandidatesRequest__Output as _handoff_presence_v1_FindCandidatesRequest__Output,
} from '../../../handoff/presence/v1/FindCandidatesRequest.js';
import type {
  FindCandidatesResponse as _handoff_presence_v1_FindCandidatesResponse,
  FindCandidatesResponse__Output as _handoff_presence_v1_FindCandidatesResponse__Output,
} from '../../../handoff/presence/v1/FindCandidatesResponse.js';
import type {
  ReleaseCapacityRequest as _handoff_presence_v1_ReleaseCapacityRequest,
  ReleaseCapacityRequest__Output as _handoff_presence_v1_ReleaseCapacityRequest__Output,
} from '../../../handoff/presence/v1/ReleaseCapacityRequest.js';
import type {
  ReleaseCapacityResponse as _handoff_presence_v1_ReleaseCapacityResponse,
  ReleaseCapacityResponse__Output as _handoff_presence_v1_ReleaseCapacityResponse__Output,
} from '../../../handoff/presence/v1/ReleaseCapacityResponse.js';
import type {
  ReserveBestRequest as _handoff_presence_v1_ReserveBestRequest,
  ReserveBestRequest__Output as _handoff_presence_v1_ReserveBestRequest__Output,
} from '../../../handoff/presence/v1/ReserveBestRequest.js';
import type {
  ReserveBestResponse as _handoff_presence_v1_ReserveBestResponse,
  ReserveBestResponse__Output as _handoff_presence_v1_ReserveBestResponse__Output,
} from '../../../handoff/presence/v1/ReserveBestResponse.js';
import type {
  ReserveCapacityRequest as _handoff_presence_v1_ReserveCapacityRequest,
  ReserveCapacityRequest__Output as _handoff_presence_v1_ReserveCapacityRequest__Output,
} from '../../../handoff/presence/v1/ReserveCapacityRequest.js';
import type {
  ReserveCapacityResponse as _handoff_presence_v1_ReserveCapacityResponse,
  ReserveCapacityResponse__Output as _handoff_presence_v1_ReserveCapacityResponse__Output,
} from '../../../handoff/presence/v1/ReserveCapacityResponse.js';

export interface PresenceClient extends grpc.Client {
  ConfirmReservation(
    argument: _handoff_presence_v1_ConfirmReservationRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ConfirmReservationResponse__Output>,
  ): grpc.ClientUnaryCall;
  ConfirmReservation(
    argument: _handoff_presence_v1_ConfirmReservationRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_handoff_presence_v1_ConfirmReservationResponse__Output>,
  ): grpc.ClientUnaryCall;
  ConfirmReservation(
    argument: _handoff_presence_v1_ConfirmReservationRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ConfirmReservationResponse__Output>,
  ): grpc.ClientUnaryCall;
  ConfirmReservation(
    argument: _handoff_presence_v1_ConfirmReservationRequest,
    callback: grpc.requestCallback<_handoff_presence_v1_ConfirmReservationResponse__Output>,
  ): grpc.ClientUnaryCall;
  confirmReservation(
    argument: _handoff_presence_v1_ConfirmReservationRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ConfirmReservationResponse__Output>,
  ): grpc.ClientUnaryCall;
  confirmReservation(
    argument: _handoff_presence_v1_ConfirmReservationRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_handoff_presence_v1_ConfirmReservationResponse__Output>,
  ): grpc.ClientUnaryCall;
  confirmReservation(
    argument: _handoff_presence_v1_ConfirmReservationRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ConfirmReservationResponse__Output>,
  ): grpc.ClientUnaryCall;
  confirmReservation(
    argument: _handoff_presence_v1_ConfirmReservationRequest,
    callback: grpc.requestCallback<_handoff_presence_v1_ConfirmReservationResponse__Output>,
  ): grpc.ClientUnaryCall;

  FindCandidates(
    argument: _handoff_presence_v1_FindCandidatesRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_FindCandidatesResponse__Output>,
  ): grpc.ClientUnaryCall;
  FindCandidates(
    argument: _handoff_presence_v1_FindCandidatesRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_handoff_presence_v1_FindCandidatesResponse__Output>,
  ): grpc.ClientUnaryCall;
  FindCandidates(
    argument: _handoff_presence_v1_FindCandidatesRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_FindCandidatesResponse__Output>,
  ): grpc.ClientUnaryCall;
  FindCandidates(
    argument: _handoff_presence_v1_FindCandidatesRequest,
    callback: grpc.requestCallback<_handoff_presence_v1_FindCandidatesResponse__Output>,
  ): grpc.ClientUnaryCall;
  findCandidates(
    argument: _handoff_presence_v1_FindCandidatesRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_FindCandidatesResponse__Output>,
  ): grpc.ClientUnaryCall;
  findCandidates(
    argument: _handoff_presence_v1_FindCandidatesRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_handoff_presence_v1_FindCandidatesResponse__Output>,
  ): grpc.ClientUnaryCall;
  findCandidates(
    argument: _handoff_presence_v1_FindCandidatesRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_FindCandidatesResponse__Output>,
  ): grpc.ClientUnaryCall;
  findCandidates(
    argument: _handoff_presence_v1_FindCandidatesRequest,
    callback: grpc.requestCallback<_handoff_presence_v1_FindCandidatesResponse__Output>,
  ): grpc.ClientUnaryCall;

  ReleaseCapacity(
    argument: _handoff_presence_v1_ReleaseCapacityRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReleaseCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  ReleaseCapacity(
    argument: _handoff_presence_v1_ReleaseCapacityRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_handoff_presence_v1_ReleaseCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  ReleaseCapacity(
    argument: _handoff_presence_v1_ReleaseCapacityRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReleaseCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  ReleaseCapacity(
    argument: _handoff_presence_v1_ReleaseCapacityRequest,
    callback: grpc.requestCallback<_handoff_presence_v1_ReleaseCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  releaseCapacity(
    argument: _handoff_presence_v1_ReleaseCapacityRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReleaseCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  releaseCapacity(
    argument: _handoff_presence_v1_ReleaseCapacityRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_handoff_presence_v1_ReleaseCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  releaseCapacity(
    argument: _handoff_presence_v1_ReleaseCapacityRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReleaseCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  releaseCapacity(
    argument: _handoff_presence_v1_ReleaseCapacityRequest,
    callback: grpc.requestCallback<_handoff_presence_v1_ReleaseCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;

  ReserveBest(
    argument: _handoff_presence_v1_ReserveBestRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveBestResponse__Output>,
  ): grpc.ClientUnaryCall;
  ReserveBest(
    argument: _handoff_presence_v1_ReserveBestRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveBestResponse__Output>,
  ): grpc.ClientUnaryCall;
  ReserveBest(
    argument: _handoff_presence_v1_ReserveBestRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveBestResponse__Output>,
  ): grpc.ClientUnaryCall;
  ReserveBest(
    argument: _handoff_presence_v1_ReserveBestRequest,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveBestResponse__Output>,
  ): grpc.ClientUnaryCall;
  reserveBest(
    argument: _handoff_presence_v1_ReserveBestRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveBestResponse__Output>,
  ): grpc.ClientUnaryCall;
  reserveBest(
    argument: _handoff_presence_v1_ReserveBestRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveBestResponse__Output>,
  ): grpc.ClientUnaryCall;
  reserveBest(
    argument: _handoff_presence_v1_ReserveBestRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveBestResponse__Output>,
  ): grpc.ClientUnaryCall;
  reserveBest(
    argument: _handoff_presence_v1_ReserveBestRequest,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveBestResponse__Output>,
  ): grpc.ClientUnaryCall;

  ReserveCapacity(
    argument: _handoff_presence_v1_ReserveCapacityRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  ReserveCapacity(
    argument: _handoff_presence_v1_ReserveCapacityRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  ReserveCapacity(
    argument: _handoff_presence_v1_ReserveCapacityRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  ReserveCapacity(
    argument: _handoff_presence_v1_ReserveCapacityRequest,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  reserveCapacity(
    argument: _handoff_presence_v1_ReserveCapacityRequest,
    metadata: grpc.Metadata,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  reserveCapacity(
    argument: _handoff_presence_v1_ReserveCapacityRequest,
    metadata: grpc.Metadata,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  reserveCapacity(
    argument: _handoff_presence_v1_ReserveCapacityRequest,
    options: grpc.CallOptions,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
  reserveCapacity(
    argument: _handoff_presence_v1_ReserveCapacityRequest,
    callback: grpc.requestCallback<_handoff_presence_v1_ReserveCapacityResponse__Output>,
  ): grpc.ClientUnaryCall;
}

export interface PresenceHandlers extends grpc.UntypedServiceImplementation {
  ConfirmReservation: grpc.handleUnaryCall<
    _handoff_presence_v1_ConfirmReservationRequest__Output,
    _handoff_presence_v1_ConfirmReservationResponse
  >;

  FindCandidates: grpc.handleUnaryCall<
    _handoff_presence_v1_FindCandidatesRequest__Output,
    _handoff_presence_v1_FindCandidatesResponse
  >;

  ReleaseCapacity: grpc.handleUnaryCall<
    _handoff_presence_v1_ReleaseCapacityRequest__Output,
    _handoff_presence_v1_ReleaseCapacityResponse
  >;

  ReserveBest: grpc.handleUnaryCall<
    _handoff_presence_v1_ReserveBestRequest__Output,
    _handoff_presence_v1_ReserveBestResponse
  >;

  ReserveCapacity: grpc.handleUnaryCall<
    _handoff_presence_v1_ReserveCapacityRequest__Output,
    _handoff_presence_v1_ReserveCapacityResponse
  >;
}

export interface PresenceDefinition extends grpc.ServiceDefinition {
  ConfirmReservation: MethodDefinition<
    _handoff_presence_v1_ConfirmReservationRequest,
    _handoff_presence_v1_ConfirmReservationResponse,
    _handoff_presence_v1_ConfirmReservationRequest__Output,
    _handoff_presence_v1_ConfirmReservationResponse__Output
  >;
  FindCandidates: MethodDefinition<
    _handoff_presence_v1_FindCandidatesRequest,
    _handoff_presence_v1_FindCandidatesResponse,
    _handoff_presence_v1_FindCandidatesRequest__Output,
    _handoff_presence_v1_FindCandidatesResponse__Output
  >;
  ReleaseCapacity: MethodDefinition<
    _handoff_presence_v1_ReleaseCapacityRequest,
    _handoff_presence_v1_ReleaseCapacityResponse,
    _handoff_presence_v1_ReleaseCapacityRequest__Output,
    _handoff_presence_v1_ReleaseCapacityResponse__Output
  >;
  ReserveBest: MethodDefinition<
    _handoff_presence_v1_ReserveBestRequest,
    _handoff_presence_v1_ReserveBestResponse,
    _handoff_presence_v1_ReserveBestRequest__Output,
    _handoff_presence_v1_ReserveBestResponse__Output
  >;
  ReserveCapacity: MethodDefinition<
    _handoff_presence_v1_ReserveCapacityRequest,
    _handoff_presence_v1_ReserveCapacityResponse,
    _handoff_presence_v1_ReserveCapacityRequest__Output,
    _handoff_presence_v1_ReserveCapacityResponse__Output
  >;
}
