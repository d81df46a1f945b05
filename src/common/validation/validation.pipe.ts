import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError, FieldError } from '../errors/app-error';
import { fastPath, fastQueryPath } from './fast-validation';
import { splitRawJson } from './raw-json';
import { findUnstorable } from './storable';

/** class-validator over a plain body, raw JSON fields kept untouched; the batch path validates items with it. */
export async function validateDto<T extends object>(metatype: new () => T, value: object): Promise<T> {
  const fast = fastPath<T>(metatype, value);
  if (fast) return fast;
  const { safe, restore } = splitRawJson(metatype, value);
  const dto = plainToInstance(metatype, safe);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw AppError.validation(flattenValidationErrors(errors));
  return restore(dto);
}

/**
 * Constraints that check a value's type. When one of them fails, the field's other constraints
 * (ranges, lengths) only restate it for a value they were never meant for, so only it is answered.
 */
const TYPE_CONSTRAINTS: ReadonlySet<string> = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isDate', 'isUuid']);

function answeredConstraints(constraints: Record<string, string> | undefined): string[] {
  const entries = Object.entries(constraints ?? {});
  const typeErrors = entries.filter(([name]) => TYPE_CONSTRAINTS.has(name));
  return (typeErrors.length ? typeErrors : entries).map(([, message]) => message);
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent ? (isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const message of answeredConstraints(error.constraints)) {
      out.push({ field, message: message.startsWith('property ') ? 'is not a known field' : message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** DTOs whose items are validated one by one by their service (the batch envelope) opt out of the deep scan. */
export interface DeepScanOptOut {
  skipDeepScan?: boolean;
}

/**
 * The global pipe: class-validator with whitelist/forbidNonWhitelisted/transform, errors as
 * VALIDATION_FAILED naming each field, then a scan for strings no database can store.
 */
@Injectable()
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => AppError.validation(flattenValidationErrors(errors)),
    });
  }

  /**
   * Nest deletes `__proto__`/`constructor` keys at every depth, which silently alters stored JSON.
   * Free-form JSON fields are taken raw (see RawJson) and never merged into live objects, so only
   * the top level, which class-transformer assigns onto the DTO instance, is guarded: such a key
   * there is an unknown field like any other.
   */
  protected override stripProtoKeys(value: unknown): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      if (Object.prototype.hasOwnProperty.call(value, key)) throw AppError.field(key, 'is not a known field');
    }
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value === undefined && metadata.metatype && metadata.metatype !== Object) value = {};
    if ((metadata.type === 'body' || metadata.type === 'query') && value !== undefined) {
      const optOut = (metadata.metatype as DeepScanOptOut | undefined)?.skipDeepScan === true;
      if (!optOut) {
        const bad = findUnstorable(value);
        if (bad) throw AppError.validation([bad]);
      }
    }
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      if (metadata.metatype && metadata.metatype !== Object) {
        throw AppError.field('body', 'must be a JSON object');
      }
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const fast = metadata.type === 'body' ? fastPath<object>(metadata.metatype, value) : fastQueryPath<object>(metadata.metatype, value);
      if (fast) return fast;
    }
    const { safe, restore } = splitRawJson(metadata.metatype, value);
    const dto = await super.transform(safe, metadata);
    return dto !== null && typeof dto === 'object' ? restore(dto as object) : dto;
  }
}
