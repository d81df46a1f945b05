import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { QueryInt } from '../validation/decorators';

const MAX_LIMIT = 200;
const MAX_CURSOR_LENGTH = 2048;

/** `limit` and keyset `cursor`, shared by the listings that page 20 at a time by default. */
export class KeysetPageQueryDto {
  /**
   * The listing query read all day, only `limit` and/or `cursor`, converted by hand exactly as the
   * decorators below convert and accept it (see FastQuery); any other query, valid or not, takes
   * the full validation. Subclasses add optional filters only, which a query here does not name.
   */
  static fastQuery(query: Record<string, unknown>): Record<string, unknown> | undefined {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(query)) {
      const value = query[key];
      if (typeof value !== 'string') return undefined;
      if (key === 'limit') {
        if (!/^\d{1,3}$/.test(value)) return undefined;
        const limit = Number(value);
        if (limit < 1 || limit > MAX_LIMIT) return undefined;
        out.limit = limit;
      } else if (key === 'cursor') {
        if (value.length < 1 || value.length > MAX_CURSOR_LENGTH) return undefined;
        out.cursor = value;
      } else {
        return undefined;
      }
    }
    return out;
  }

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 20, description: 'items per page' })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: MAX_CURSOR_LENGTH, description: 'next_cursor from the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_CURSOR_LENGTH)
  cursor?: string;
}
