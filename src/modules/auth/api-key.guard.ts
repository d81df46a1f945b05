import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '../../common/errors/app-error';
import { ApiKeysService, AuthenticatedKey } from './api-keys.service';
import { Role, roleAllows } from './domain/api-key';
import { ANY_ROLE, PUBLIC_ROUTE, REQUIRED_ROLE } from './roles.decorator';

export type AuthedRequest = Request & { apiKey?: AuthenticatedKey };

export function presentedKey(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const apiKey = req.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.trim()) return apiKey.trim();
  return undefined;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const needed = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'admin';
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const key = await this.keys.authenticateFrom(req.ip ?? req.socket.remoteAddress ?? 'unknown', presentedKey(req));
    if (!this.reflector.getAllAndOverride<boolean>(ANY_ROLE, targets) && !roleAllows(key.role, needed)) {
      throw new AppError('FORBIDDEN', `this route needs the ${needed} role; the key has ${key.role}`);
    }
    req.apiKey = key;
    return true;
  }
}
