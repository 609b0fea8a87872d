import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type {
  Candidate as _handoff_presence_v1_Candidate,
  Candidate__Output as _handoff_presence_v1_Candidate__Output,
} from './handoff/presence/v1/Candidate.js';
import type {
  ConfirmReservationRequest as _handoff_presence_v1_ConfirmReservationRequest,
  ConfirmReservationRequest__Output as _handoff_presence_v1_ConfirmReservationRequest__Output,
} from './handoff/presence/v1/ConfirmReservationRequest.js';
import type {
  ConfirmReservationResponse as _handoff_presence_v1_ConfirmReservationResponse,
  ConfirmReservationResponse__Output as _handoff_presence_v1_ConfirmReservationResponse__Output,
} from './handoff/presence/v1/ConfirmReservationResponse.js';
import type {
  FindCandidatesRequest as _handoff_presence_v1_FindCandidatesRequest,
  FindCandidatesRequest__Output as _handoff_presence_v1_FindCandidatesRequest__Output,
} from './handoff/presence/v1/FindCandidatesRequest.js';
import type {
  FindCandidatesResponse as _handoff_presence_v1_FindCandidatesResponse,
  FindCandidatesResponse__Output as _handoff_presence_v1_FindCandidatesResponse__Output,
} from './handoff/presence/v1/FindCandidatesResponse.js';
import type {
  Placed as _handoff_presence_v1_Placed,
  Placed__Output as _handoff_presence_v1_Placed__Output,
} from './handoff/presence/v1/Placed.js';
import type {
  Placement as _handoff_presence_v1_Placement,
  Placement__Output as _handoff_presence_v1_Placement__Output,
} from './handoff/presence/v1/Placement.js';
import type {
  PresenceClient as _handoff_presence_v1_PresenceClient,
  PresenceDefinition as _handoff_presence_v1_PresenceDefinition,
} from './handoff/presence/v1/Presence.js';
import type {
  ReleaseCapacityRequest as _handoff_presence_v1_ReleaseCapacityRequest,
  ReleaseCapacityRequest__Output as _handoff_presence_v1_ReleaseCapacityRequest__Output,
} from './handoff/presence/v1/ReleaseCapacityRequest.js';
import type {
  ReleaseCapacityResponse as _handoff_presence_v1_ReleaseCapacityResponse,
  ReleaseCapacityResponse__Output as _handoff_presence_v1_ReleaseCapacityResponse__Output,
} from './handoff/presence/v1/ReleaseCapacityResponse.js';
import type {
  ReserveBestRequest as _handoff_presence_v1_ReserveBestRequest,
  ReserveBestRequest__Output as _handoff_presence_v1_ReserveBestRequest__Output,
} from './handoff/presence/v1/ReserveBestRequest.js';
import type {
  ReserveBestResponse as _handoff_presence_v1_ReserveBestResponse,
  ReserveBestResponse__Output as _handoff_presence_v1_ReserveBestResponse__Output,
} from './handoff/presence/v1/ReserveBestResponse.js';
import type {
  ReserveCapacityRequest as _handoff_presence_v1_ReserveCapacityRequest,
  ReserveCapacityRequest__Output as _handoff_presence_v1_ReserveCapacityRequest__Output,
} from './handoff/presence/v1/ReserveCapacityRequest.js';
import type {
  ReserveCapacityResponse as _handoff_presence_v1_ReserveCapacityResponse,
  ReserveCapacityResponse__Output as _handoff_presence_v1_ReserveCapacityResponse__Output,
} from './handoff/presence/v1/ReserveCapacityResponse.js';
import type {
  SkillRequirement as _handoff_presence_v1_SkillRequirement,
  SkillRequirement__Output as _handoff_presence_v1_SkillRequirement__Output,
} from './handoff/presence/v1/SkillRequirement.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  handoff: {
    presence: {
      v1: {
        Candidate: MessageTypeDefinition<
          _handoff_presence_v1_Candidate,
          _handoff_presence_v1_Candidate__Output
        >;
        ConfirmReservationRequest: MessageTypeDefinition<
          _handoff_presence_v1_ConfirmReservationRequest,
          _handoff_presence_v1_ConfirmReservationRequest__Output
        >;
        ConfirmReservationResponse: MessageTypeDefinition<
          _handoff_presence_v1_ConfirmReservationResponse,
          _handoff_presence_v1_ConfirmReservationResponse__Output
        >;
        FindCandidatesRequest: MessageTypeDefinition<
          _handoff_presence_v1_FindCandidatesRequest,
          _handoff_presence_v1_FindCandidatesRequest__Output
        >;
        FindCandidatesResponse: MessageTypeDefinition<
          _handoff_presence_v1_FindCandidatesResponse,
          _handoff_presence_v1_FindCandidatesResponse__Output
        >;
        Placed: MessageTypeDefinition<
          _handoff_presence_v1_Placed,
          _handoff_presence_v1_Placed__Output
        >;
        Placement: MessageTypeDefinition<
          _handoff_presence_v1_Placement,
          _handoff_presence_v1_Placement__Output
        >;
        Presence: SubtypeConstructor<typeof grpc.Client, _handoff_presence_v1_PresenceClient> & {
          service: _handoff_presence_v1_PresenceDefinition;
        };
        ReleaseCapacityRequest: MessageTypeDefinition<
          _handoff_presence_v1_ReleaseCapacityRequest,
          _handoff_presence_v1_ReleaseCapacityRequest__Output
        >;
        ReleaseCapacityResponse: MessageTypeDefinition<
          _handoff_presence_v1_ReleaseCapacityResponse,
          _handoff_presence_v1_ReleaseCapacityResponse__Output
        >;
        ReserveBestRequest: MessageTypeDefinition<
          _handoff_presence_v1_ReserveBestRequest,
          _handoff_presence_v1_ReserveBestRequest__Output
        >;
        ReserveBestResponse: MessageTypeDefinition<
          _handoff_presence_v1_ReserveBestResponse,
          _handoff_presence_v1_ReserveBestResponse__Output
        >;
        ReserveCapacityRequest: MessageTypeDefinition<
          _handoff_presence_v1_ReserveCapacityRequest,
          _handoff_presence_v1_ReserveCapacityRequest__Output
        >;
        ReserveCapacityResponse: MessageTypeDefinition<
          _handoff_presence_v1_ReserveCapacityResponse,
          _handoff_presence_v1_ReserveCapacityResponse__Output
        >;
        SkillRequirement: MessageTypeDefinition<
          _handoff_presence_v1_SkillRequirement,
          _handoff_presence_v1_SkillRequirement__Output
        >;
      };
    };
  };
}
