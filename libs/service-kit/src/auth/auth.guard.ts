import {
  applyDecorators,
  createParamDecorator,
  ForbiddenException,
  Injectable,
  ServiceUnavailableException,
  SetMetadata,
  UnauthorizedException,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal, Role } from './principal.js';
import { TokenVerifier } from './token-verifier.js';

const allowedRolesKey = 'handoff:allowed-roles';

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/**
 * Lets a request through with a valid bearer token of one of the allowed roles, and puts the
 * caller on the request: 401 without a valid token, 403 when the role is not allowed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['authorization'];
    const check = await this.verifier.verifyAuthorization(
      Array.isArray(header) ? header[0] : header,
    );
    if (!check.ok) {
      if (check.unavailable) throw new ServiceUnavailableException(check.reason);
      throw new UnauthorizedException(check.reason);
    }
    const allowed =
      this.reflector.getAllAndOverride<Role[] | undefined>(allowedRolesKey, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    if (!check.principal.roles.some((role) => allowed.includes(role)))
      throw new ForbiddenException(`needs the role ${allowed.join(' or ')}`);
    request.principal = check.principal;
    return true;
  }
}

/** The route needs a verified token carrying one of these roles. */
export function Authenticated(...allowed: [Role, ...Role[]]) {
  return applyDecorators(SetMetadata(allowedRolesKey, allowed), UseGuards(AuthGuard));
}

/** The verified caller of an `@Authenticated` route. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new UnauthorizedException('route is not authenticated');
    return principal;
  },
);
