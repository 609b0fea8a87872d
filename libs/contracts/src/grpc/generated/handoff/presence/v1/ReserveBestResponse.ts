// Original file: proto/handoff/presence/v1/presence.proto

import type {
  Placed as _handoff_presence_v1_Placed,
  Placed__Output as _handoff_presence_v1_Placed__Output,
} from '../../../handoff/presence/v1/Placed.js';

export interface ReserveBestResponse {
  placed?: _handoff_presence_v1_Placed[];
}

export interface ReserveBestResponse__Output {
  placed: _handoff_presence_v1_Placed__Output[];
}
