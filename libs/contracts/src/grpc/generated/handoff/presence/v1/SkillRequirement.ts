// Original file: proto/handoff/presence/v1/presence.proto

export interface SkillRequirement {
  name?: string;
  minProficiency?: number;
}

export interface SkillRequirement__Output {
  name: string;
  minProficiency: number;
}
