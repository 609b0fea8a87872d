/** How often each instance reads the rule sets other instances stored. */
export class TenantRulesOptions {
  constructor(readonly refreshMs: number) {}
}
