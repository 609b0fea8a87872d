import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A tenant's current escalation rules: one document per tenant, replaced by newer versions. */
@Schema({ collection: 'tenant_trigger_rules', versionKey: false })
export class TenantRulesRecord {
  /** The tenant id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) version!: number;
  /** As JSON text: intent names such as "billing.refund" are keys, and stores refuse dots in keys. */
  @Prop({ type: String, required: true }) rules!: string;
  @Prop({ type: Date, required: true }) publishedAt!: Date;
  /** When an instance stored it: what the other instances poll for. */
  @Prop({ type: Date, required: true, index: true }) updatedAt!: Date;
}

export const tenantRulesRecord = {
  name: TenantRulesRecord.name,
  schema: SchemaFactory.createForClass(TenantRulesRecord),
};
