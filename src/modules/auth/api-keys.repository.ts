import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.service';
import { Role } from './domain/api-key';

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  key_hash: string;
  prefix: string;
  source: 'env' | 'api';
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, role, key_hash, prefix, source, created_at, last_used_at, revoked_at';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly db: Database) {}

  private map(row: Record<string, unknown>): ApiKeyRecord {
    return {
      id: String(row.id),
      name: String(row.name),
      role: row.role as Role,
      key_hash: String(row.key_hash),
      prefix: String(row.prefix),
      source: row.source as 'env' | 'api',
      created_at: this.db.fromDbTime(row.created_at)!,
      last_used_at: this.db.fromDbTime(row.last_used_at),
      revoked_at: this.db.fromDbTime(row.revoked_at),
    };
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ${this.db.p(1)}`, [hash]);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  async findById(id: string): Promise<ApiKeyRecord | undefined> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM api_keys WHERE id = ${this.db.p(1)}`, [id]);
    return rows[0] ? this.map(rows[0]) : undefined;
  }

  async listAll(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`);
    return rows.map((r) => this.map(r));
  }

  async insert(input: { name: string; role: Role; keyHash: string; prefix: string; source: 'env' | 'api' }): Promise<ApiKeyRecord> {
    const id = randomUUID();
    const now = new Date();
    await this.db.write((tx) =>
      this.db.query(
        `INSERT INTO api_keys (id, name, role, key_hash, prefix, source, created_at) VALUES (${[1, 2, 3, 4, 5, 6, 7]
          .map((i) => this.db.p(i))
          .join(', ')})`,
        [id, input.name, input.role, input.keyHash, input.prefix, input.source, this.db.toDbTime(now)],
        tx,
      ),
    );
    return { id, name: input.name, role: input.role, key_hash: input.keyHash, prefix: input.prefix, source: input.source, created_at: now, last_used_at: null, revoked_at: null };
  }

  /** Revokes a key; true when it was active. */
  async revoke(id: string, at: Date): Promise<boolean> {
    return this.db.write(async (tx) => {
      const rows = await this.db.query(
        `SELECT id FROM api_keys WHERE id = ${this.db.p(1)} AND revoked_at IS NULL`,
        [id],
        tx,
      );
      if (!rows.length) return false;
      await this.db.query(
        `UPDATE api_keys SET revoked_at = ${this.db.p(1)} WHERE id = ${this.db.p(2)}`,
        [this.db.toDbTime(at), id],
        tx,
      );
      return true;
    });
  }

  /**
   * Makes `keyHash` the one active env-provisioned admin key: revokes any other env key, and
   * inserts this one unless it already exists (a restart with the same key changes nothing, and of
   * replicas starting together with it, one inserts it and the others find it there).
   */
  async provisionEnvAdmin(keyHash: string, prefix: string, at: Date): Promise<{ revoked: number }> {
    return this.db.write(async (tx) => {
      const others = await this.db.query<{ id: string }>(
        `SELECT id FROM api_keys WHERE source = 'env' AND revoked_at IS NULL AND key_hash <> ${this.db.p(1)}`,
        [keyHash],
        tx,
      );
      for (const other of others) {
        await this.db.query(`UPDATE api_keys SET revoked_at = ${this.db.p(1)} WHERE id = ${this.db.p(2)}`, [this.db.toDbTime(at), other.id], tx);
      }
      const existing = await this.db.query<{ id: string; revoked_at: unknown }>(
        `SELECT id, revoked_at FROM api_keys WHERE key_hash = ${this.db.p(1)}`,
        [keyHash],
        tx,
      );
      if (existing.length) {
        if (existing[0].revoked_at !== null) {
          await this.db.query(`UPDATE api_keys SET revoked_at = NULL, role = 'admin' WHERE id = ${this.db.p(1)}`, [existing[0].id], tx);
        }
        return { revoked: others.length };
      }
      await this.db.query(
        `INSERT INTO api_keys (id, name, role, key_hash, prefix, source, created_at) VALUES (${[1, 2, 3, 4, 5, 6, 7].map((i) => this.db.p(i)).join(', ')})
         ON CONFLICT (key_hash) DO NOTHING`,
        [randomUUID(), 'admin (ADMIN_API_KEY)', 'admin', keyHash, prefix, 'env', this.db.toDbTime(at)],
        tx,
      );
      return { revoked: others.length };
    });
  }

  async countActiveAdmins(): Promise<number> {
    const rows = await this.db.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Records use, at most once a minute per key, without a read first. */
  async touchLastUsed(id: string, at: Date): Promise<void> {
    const cutoff = new Date(at.getTime() - 60_000);
    await this.db.serialized(() =>
      this.db.query(
        `UPDATE api_keys SET last_used_at = ${this.db.p(1)} WHERE id = ${this.db.p(2)} AND (last_used_at IS NULL OR last_used_at < ${this.db.p(3)})`,
        [this.db.toDbTime(at), id, this.db.toDbTime(cutoff)],
      ),
    );
  }
}
