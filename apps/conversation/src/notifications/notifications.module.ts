import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CustomerNotifier } from './customer-notifier.js';
import { NotificationsOptions } from './notifications.options.js';
import { TenantTemplates } from './tenant-templates/tenant-templates.js';
import { TenantTemplatesConsumer } from './tenant-templates/tenant-templates.consumer.js';
import { tenantTemplatesRecord } from './tenant-templates/tenant-templates.record.js';
import { TenantTemplatesStore } from './tenant-templates/tenant-templates.store.js';

/**
 * Customer notices in each tenant's wording. Imported once by the app; `CustomerNotifier` is then
 * available to every feature that tells the customer something.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsOptions): DynamicModule {
    return {
      module: NotificationsModule,
      global: true,
      imports: [MongooseModule.forFeature([tenantTemplatesRecord])],
      controllers: [TenantTemplatesConsumer],
      providers: [
        { provide: NotificationsOptions, useValue: options },
        TenantTemplatesStore,
        TenantTemplates,
        CustomerNotifier,
      ],
      exports: [CustomerNotifier],
    };
  }
}
