import { stringify } from 'yaml';
import { buildAsyncApiDocument } from './asyncapi-document.js';

export const asyncApiHeader =
  '# Generated from the event catalog by `npx nx run contracts:generate`; edit the catalog, not this file.\n';

export function renderAsyncApi(): string {
  return (
    asyncApiHeader +
    stringify(buildAsyncApiDocument(), { aliasDuplicateObjects: false, lineWidth: 0 })
  );
}
