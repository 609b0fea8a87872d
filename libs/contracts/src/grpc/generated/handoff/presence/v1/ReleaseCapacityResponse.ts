// Original file: proto/handoff/presence/v1/presence.proto


export interface ReleaseCapacityResponse {
  'released'?: (boolean);
}

export interface ReleaseCapacityResponse__Output {
  'released': (boolean);
}
