/** Settings of the notifications feature, from the service's config. */
export abstract class NotificationsOptions {
  /** How often each instance re-reads the template sets other instances stored. */
  abstract readonly templatesRefreshMs: number;
}
