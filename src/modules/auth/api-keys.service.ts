import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { AppConfig } from '../../config/config';
import { ApiKeyRecord, ApiKeysRepository } from './api-keys.repository';
import { displayPrefix, generateKey, hashKey, Role } from './domain/api-key';

export interface AuthenticatedKey {
  id: string;
  name: string;
  role: Role;
  /** the non-secret start of the key */
  prefix: string;
}

/** How long a looked-up key is trusted without asking the database again (revocations here are immediate). */
const CACHE_TTL_MS = 5_000;
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
  private readonly cache = new Map<string, { key: AuthenticatedKey | null; until: number }>();
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly config: AppConfig,
    private readonly announcer: KeyAnnouncer,
  ) {}

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

  /** Resolves a presented key; undefined when unknown or revoked. */
  async authenticate(presented: string): Promise<AuthenticatedKey | undefined> {
    const hash = hashKey(presented);
    const now = Date.now();
    const cached = this.cache.get(hash);
    let key: AuthenticatedKey | null;
    if (cached && cached.until > now) {
      key = cached.key;
    } else {
      const record = await this.repository.findByHash(hash);
      key = record && !record.revoked_at ? { id: record.id, name: record.name, role: record.role, prefix: record.prefix } : null;
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(hash, { key, until: now + CACHE_TTL_MS });
    }
    if (!key) return undefined;
    this.touch(key.id, now);
    return key;
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
    this.cache.delete(existing.key_hash);
  }
}
