import { Injectable, PipeTransform } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/** Any RFC-4122-shaped UUID, in either case (the nil UUID too). */
export const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Any RFC-4122-shaped UUID (the nil UUID included), lower-cased; anything else is a 400 naming the field. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly field = 'id') {}
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID_SHAPE.test(value)) throw AppError.field(this.field, 'must be a UUID');
    return value.toLowerCase();
  }
}
