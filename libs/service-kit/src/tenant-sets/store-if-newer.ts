import type { Model } from 'mongoose';

const duplicateKey = 11000;

/**
 * Stores a tenant's set (one document per tenant, `_id` the tenant) unless the stored one is as
 * new or newer: a redelivery or a set published out of order. Returns whether it was stored.
 */
export async function storeIfNewer<T extends { _id: string; version: number }>(
  model: Model<T>,
  tenantId: string,
  version: number,
  fields: Record<string, unknown>,
): Promise<boolean> {
  try {
    const result = await model.updateOne(
      { _id: tenantId, version: { $lt: version } } as never,
      { $set: { ...fields, version, updatedAt: new Date() } } as never,
      { upsert: true },
    );
    return result.upsertedCount + result.modifiedCount > 0;
  } catch (error) {
    // The filter missed because the stored version is not older, so the upsert hit its id.
    if ((error as { code?: unknown }).code === duplicateKey) return false;
    throw error;
  }
}
