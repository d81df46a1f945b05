import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { AppConfig } from '../../config/config';
import { ApiKeyRecord, ApiKeysRepository } from './api-keys.repository';
import { displayPrefix, generateKey, hashKey, Role } from './domain/api-key';
import { FailureLimiter } from './domain/failure-limiter';

export interface AuthenticatedKey {
  id: string;
  name: string;
  role: Role;
  /** the non-secret start of the key */
  prefix: string;
}

/** How long a looked-up key is trusted without asking the database again (revocations here are immediate). */
const CACHE_TTL_MS = 5_000;
/** Per cache: known keys and unknown ones are held apart, so a flood of guesses never evicts a real key. */
const CACHE_MAX = 10_000;
const TOUCH_INTERVAL_MS = 60_000;

/** Writes the generated first-start key where an operator will see it, outside the JSON log. */
export class KeyAnnouncer {
  announce(key: string): void {
    process.stderr.write(`NeuralOps created an admin API key (shown only once; store it now): ${key}\n`);
  }
}

@Injectable()
export class ApiKeysService implements OnModuleInit {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly known = new Map<string, { key: AuthenticatedKey; until: number }>();
  private readonly unknown = new Map<string, number>();
  private readonly lastTouched = new Map<string, number>();
  private readonly failures: FailureLimiter;

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly config: AppConfig,
    private readonly announcer: KeyAnnouncer,
  ) {
    this.failures = new FailureLimiter(config.authFailuresPerIpPerS);
  }

  async onModuleInit(): Promise<void> {
    await this.provisionAdminKey();
  }

  /** ADMIN_API_KEY becomes the env admin key (replacing an earlier one); with none anywhere, one is made. */
  async provisionAdminKey(): Promise<void> {
    const now = new Date();
    if (this.config.adminApiKey) {
      const result = await this.repository.provisionEnvAdmin(
        hashKey(this.config.adminApiKey),
        displayPrefix(this.config.adminApiKey),
        now,
      );
      if (result.revoked) this.logger.warn(`ADMIN_API_KEY changed: revoked ${result.revoked} earlier env admin key(s)`);
      return;
    }
    if ((await this.repository.countActiveAdmins()) > 0) return;
    const key = generateKey();
    await this.repository.insert({ name: 'admin (first start)', role: 'admin', keyHash: hashKey(key), prefix: displayPrefix(key), source: 'api' });
    this.announcer.announce(key);
    this.logger.warn('no admin API key existed: created one and wrote it to stderr once');
  }

  /**
   * Authenticates a request from `address` (the client address, per TRUST_PROXY). A missing,
   * unknown or revoked key is UNAUTHENTICATED, and RATE_LIMITED once the address has failed more
   * than AUTH_FAILURES_PER_IP_PER_S times a second; a valid key is always let through.
   */
  async authenticateFrom(address: string, presented: string | undefined): Promise<AuthenticatedKey> {
    const key = presented === undefined ? undefined : await this.authenticate(presented);
    if (key) return key;
    const verdict = this.failures.fail(address, Date.now());
    if (verdict.limited) {
      if (verdict.firstRefusal) this.logger.warn(`more than ${this.config.authFailuresPerIpPerS} failed authentications a second from ${address}: answering 429`);
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      throw new AppError('RATE_LIMITED', `too many failed authentications from this address; retry in ${seconds} s with a valid API key`, undefined, seconds);
    }
    if (presented === undefined) throw new AppError('UNAUTHENTICATED', 'an API key is required (Authorization: Bearer <key> or X-API-Key)');
    throw new AppError('UNAUTHENTICATED', 'the API key is unknown or revoked');
  }

  /** Resolves a presented key; undefined when unknown or revoked. */
  async authenticate(presented: string): Promise<AuthenticatedKey | undefined> {
    const hash = hashKey(presented);
    const now = Date.now();
    let key = this.known.get(hash);
    if (!key || key.until <= now) {
      if ((this.unknown.get(hash) ?? 0) > now) return undefined;
      const record = await this.repository.findByHash(hash);
      if (!record || record.revoked_at) {
        this.known.delete(hash);
        if (this.unknown.size >= CACHE_MAX) this.unknown.clear();
        this.unknown.set(hash, now + CACHE_TTL_MS);
        return undefined;
      }
      this.unknown.delete(hash);
      if (this.known.size >= CACHE_MAX) this.known.clear();
      key = { key: { id: record.id, name: record.name, role: record.role, prefix: record.prefix }, until: now + CACHE_TTL_MS };
      this.known.set(hash, key);
    }
    this.touch(key.key.id, now);
    return key.key;
  }

  private touch(id: string, now: number): void {
    const last = this.lastTouched.get(id) ?? 0;
    if (now - last < TOUCH_INTERVAL_MS) return;
    this.lastTouched.set(id, now);
    this.repository.touchLastUsed(id, new Date(now)).catch((err: unknown) => {
      this.lastTouched.delete(id);
      this.logger.warn(`could not record key use: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  async create(name: string, role: Role): Promise<{ record: ApiKeyRecord; key: string }> {
    const key = generateKey();
    const record = await this.repository.insert({ name, role, keyHash: hashKey(key), prefix: displayPrefix(key), source: 'api' });
    return { record, key };
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.repository.listAll();
  }

  async revoke(id: string): Promise<void> {
    const existing = await this.repository.findById(id);
    if (!existing) throw new AppError('API_KEY_NOT_FOUND', `no API key with id ${id}`);
    await this.repository.revoke(id, new Date());
    this.known.delete(existing.key_hash);
  }
}
