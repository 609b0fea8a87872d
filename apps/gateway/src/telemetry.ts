import { startTelemetry } from '@handoff/service-kit';

startTelemetry('handoff-gateway');
