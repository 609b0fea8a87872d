import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One source of a tenant's set; template names hold dots, so they are values, not field names. */
export interface TemplateSourceEntry {
  template: string;
  language: string;
  source: string;
}

/** A tenant's current notification templates: one document per tenant, replaced by newer versions. */
@Schema({ collection: 'tenant_templates', versionKey: false })
export class TenantTemplatesRecord {
  /** The tenant id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) version!: number;
  @Prop({ type: [Object], required: true }) sources!: TemplateSourceEntry[];
  @Prop({ type: Date, required: true }) publishedAt!: Date;
  /** When this instance or another stored it: what the other instances poll for. */
  @Prop({ type: Date, required: true, index: true }) updatedAt!: Date;
}

export const tenantTemplatesRecord = {
  name: TenantTemplatesRecord.name,
  schema: SchemaFactory.createForClass(TenantTemplatesRecord),
};
