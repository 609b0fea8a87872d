/** Settings of the handoff feature, from the service's config. */
export abstract class HandoffOptions {
  /** Least time between two position updates to one queued customer. */
  abstract readonly positionUpdateIntervalMs: number;
}
