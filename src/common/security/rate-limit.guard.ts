import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';

/**
 * Limits requests per API key (after the key guard has resolved it); requests without a key
 * (health, metrics, docs) are limited per client address.
 */
@Injectable()
export class PerKeyThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const key = (req as { apiKey?: { id: string } }).apiKey;
    return key ? `key:${key.id}` : `ip:${(req as unknown as Request).ip ?? 'unknown'}`;
  }
}
