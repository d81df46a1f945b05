import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ANY_ROLE_EXTENSION } from '../../common/openapi/api-errors';
import { Role } from './domain/api-key';

export const REQUIRED_ROLE = 'neuralops:required-role';
export const PUBLIC_ROUTE = 'neuralops:public';

/** The role a route needs (admin always qualifies). Routes without it need admin. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export const ANY_ROLE = 'neuralops:any-role';

/** Any valid key, whatever its role (the caller asking about its own key). */
export const AnyRole = () => applyDecorators(SetMetadata(ANY_ROLE, true), ApiExtension(ANY_ROLE_EXTENSION, true));

/** Health, metrics and docs only. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
