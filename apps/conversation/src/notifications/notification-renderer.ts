import {
  customerNotificationRequestedSchema,
  type NotificationTemplateName,
} from '@handoff/contracts';
import type { IntlMessageFormat } from 'intl-messageformat';
import { compileMessage } from './message-variables.js';
import { templateArguments, type NotificationValues } from './template-arguments.js';
import {
  chooseSource,
  platformEnglish,
  type ChosenSource,
  type TemplateSources,
} from './template-sources.js';

export interface RenderedNotification {
  /** The language the text is written in, which may be a fallback of the one asked for. */
  language: string;
  text: string;
}

const maxTextLength = customerNotificationRequestedSchema.properties.text.maxLength;

/**
 * Renders notices from a tenant's wording or the platform's, compiling each source once: compiled
 * messages are kept per template set, so a replaced set takes its compiled messages with it.
 */
export class NotificationRenderer {
  private readonly platform = new Map<string, IntlMessageFormat>();
  private readonly tenants = new WeakMap<TemplateSources, Map<string, IntlMessageFormat>>();

  render(
    template: NotificationTemplateName,
    language: string,
    values: NotificationValues,
    tenant?: TemplateSources,
  ): RenderedNotification {
    const chosen = chooseSource(template, language, tenant);
    return (
      this.format(chosen, template, values, tenant) ??
      // A set is validated before it is used; should one source still fail, the platform speaks.
      this.format(chooseSource(template, language, undefined), template, values) ??
      this.format(platformEnglish(template), template, values)!
    );
  }

  private format(
    chosen: ChosenSource,
    template: NotificationTemplateName,
    values: NotificationValues,
    tenant?: TemplateSources,
  ): RenderedNotification | undefined {
    const cache = chosen.origin === 'platform' || !tenant ? this.platform : this.cacheOf(tenant);
    const key = `${template} ${chosen.language}`;
    try {
      let message = cache.get(key);
      if (!message) {
        message = compileMessage(chosen.source, chosen.language);
        cache.set(key, message);
      }
      const text = String(message.format(templateArguments(template, values))).trim();
      if (text === '') return undefined;
      return { language: chosen.language, text: truncate(text) };
    } catch {
      return undefined;
    }
  }

  private cacheOf(tenant: TemplateSources): Map<string, IntlMessageFormat> {
    let cache = this.tenants.get(tenant);
    if (!cache) {
      cache = new Map();
      this.tenants.set(tenant, cache);
    }
    return cache;
  }
}

function truncate(text: string): string {
  return text.length <= maxTextLength ? text : `${text.slice(0, maxTextLength - 1)}…`;
}
