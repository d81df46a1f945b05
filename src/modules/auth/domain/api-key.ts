import { createHash, randomBytes } from 'node:crypto';

export const ROLES = ['ingest', 'read', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles are not a ladder: `ingest` may only write runs and `read` may only read; `admin` may do
 * everything. A route names the role it needs; admin always qualifies.
 */
export function roleAllows(held: Role, needed: Role): boolean {
  return held === 'admin' || held === needed;
}

export const KEY_PREFIX = 'nops_';
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 8;

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** The non-secret start of a key, shown in listings so people can tell keys apart. */
export function displayPrefix(key: string): string {
  return key.slice(0, Math.min(DISPLAY_PREFIX_LENGTH, Math.max(4, Math.floor(key.length / 4))));
}
