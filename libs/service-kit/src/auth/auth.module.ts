import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AuthOptions } from './auth-config.js';
import { AuthGuard } from './auth.guard.js';
import { TokenVerifier } from './token-verifier.js';

/** Makes `@Authenticated` routes work: one TokenVerifier for the service, with its keys. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      providers: [{ provide: TokenVerifier, useValue: new TokenVerifier(options) }, AuthGuard],
      exports: [TokenVerifier, AuthGuard],
    };
  }
}
