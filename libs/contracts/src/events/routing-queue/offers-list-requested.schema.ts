import type { EventData } from '../event-data.js';
import { listOffersSchema } from '../agent-actions/agent-requests.schema.js';

export const offersListRequestedType = 'handoff.routing.offers.list.requested';

export const offersListRequestedSchema = {
  $id: 'https://schemas.handoff.dev/events/routing-offers-list-requested.json',
  title: 'OffersListRequested',
  description:
    "An agent's request for the offers waiting for them, on its way to the routing instance that owns the tenant's offers. Keyed by tenant.",
  type: 'object',
  required: listOffersSchema.required,
  properties: listOffersSchema.properties,
} as const;

export type OffersListRequested = EventData<typeof offersListRequestedSchema>;
