import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extensibleEnumKeyword } from '../common.schema.js';
import { customerNotificationRequestedSchema } from '../customer-notification-requested/customer-notification-requested.schema.js';
import { isNotificationTemplateName, notificationTemplateNames } from './template-variables.js';

describe('templateVariables', () => {
  it('names every template a notification may carry, and no other', () => {
    const known = customerNotificationRequestedSchema.properties.template[extensibleEnumKeyword];
    assert.deepEqual([...notificationTemplateNames].sort(), [...known].sort());
  });

  it('recognises its own names only, not inherited properties', () => {
    assert.ok(isNotificationTemplateName('handoff.csat'));
    assert.ok(!isNotificationTemplateName('handoff.unknown'));
    assert.ok(!isNotificationTemplateName('toString'));
  });
});
