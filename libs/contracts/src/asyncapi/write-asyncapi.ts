import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderAsyncApi } from './render-asyncapi.js';

/** Regenerates asyncapi.yaml at the root of the contracts library. */
const target = fileURLToPath(new URL('../../asyncapi.yaml', import.meta.url));
writeFileSync(target, renderAsyncApi());
console.log(`wrote ${target}`);
