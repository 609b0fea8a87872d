// Original file: proto/handoff/presence/v1/presence.proto

import type {
  Placement as _handoff_presence_v1_Placement,
  Placement__Output as _handoff_presence_v1_Placement__Output,
} from '../../../handoff/presence/v1/Placement.js';

export interface ReserveBestRequest {
  tenantId?: string;
  placements?: _handoff_presence_v1_Placement[];
}

export interface ReserveBestRequest__Output {
  tenantId: string;
  placements: _handoff_presence_v1_Placement__Output[];
}
