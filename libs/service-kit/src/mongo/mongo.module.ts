import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { HealthRegistry } from '../health/health.registry.js';

export interface MongoOptions {
  url: string;
  dbName: string;
}

const connected = 1;

/** The service's MongoDB connection, with readiness tied to its state. */
@Module({})
export class MongoModule {
  static forRoot(options: MongoOptions): DynamicModule {
    return {
      module: MongoModule,
      imports: [
        MongooseModule.forRoot(options.url, {
          dbName: options.dbName,
          serverSelectionTimeoutMS: 10_000,
          // The store may lack transactions (FerretDB); writes are designed as single-document atomic updates.
          retryWrites: false,
        }),
      ],
      providers: [
        {
          provide: 'MONGO_READINESS',
          inject: [HealthRegistry, getConnectionToken()],
          useFactory: (registry: HealthRegistry, connection: Connection) => {
            registry.addReadiness({
              name: 'mongo',
              check: () =>
                connection.readyState === connected || {
                  ok: false,
                  detail: `store not connected (state ${connection.readyState})`,
                },
            });
            return true;
          },
        },
      ],
    };
  }
}
