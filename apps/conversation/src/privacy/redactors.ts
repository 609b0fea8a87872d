import { Inject, Injectable } from '@nestjs/common';
import { privacyOf, type PrivacySettings } from './privacy-config.js';
import { PRIVACY_SETTINGS } from './retention.js';
import { Redactor } from './redactor.js';

/** Each tenant's redactor, made once, and whether its agents read redacted text. */
@Injectable()
export class Redactors {
  private readonly made = new Map<string, Redactor>();

  constructor(@Inject(PRIVACY_SETTINGS) private readonly settings: PrivacySettings) {}

  of(tenantId: string): Redactor {
    let redactor = this.made.get(tenantId);
    if (!redactor) {
      redactor = new Redactor(privacyOf(this.settings, tenantId));
      this.made.set(tenantId, redactor);
    }
    return redactor;
  }

  agentsReadRedacted(tenantId: string): boolean {
    return privacyOf(this.settings, tenantId).agentSees === 'redacted';
  }
}
