import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { parseTimestamp, TIMESTAMP_MESSAGE } from './timestamps';

/** An ISO-8601 timestamp with a time zone, between 1970 and 9999. */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value: unknown) => parseTimestamp(value) !== undefined,
        defaultMessage: (args) => `${args?.property} ${TIMESTAMP_MESSAGE}`,
      },
    },
    options,
  );
}

export { RawJson } from './raw-json';

/** Query-string integer: "20" → 20; anything not a plain integer stays as is so the validator names it. */
export function QueryInt(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value), {
    toClassOnly: true,
  });
}

/** Query-string boolean: "true"/"false"/"1"/"0". */
export function QueryBool(): PropertyDecorator {
  return Transform(
    ({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value),
    { toClassOnly: true },
  );
}
