import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ENTITY_DRIVER, TimestampColumn } from '../../database/columns';

@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: ENTITY_DRIVER === 'postgres' ? 'uuid' : 'varchar' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: string;

  /** hex SHA-256 of the whole key; keys are 32 random bytes, so no slow hash is needed */
  @Index('uq_api_keys_hash', { unique: true })
  @Column({ type: 'text' })
  key_hash!: string;

  @Column({ type: 'text' })
  prefix!: string;

  /** 'env' for the key that ADMIN_API_KEY provisions, 'api' for keys created over the API */
  @Column({ type: 'text' })
  source!: string;

  @TimestampColumn()
  created_at!: Date;

  @TimestampColumn({ nullable: true })
  last_used_at!: Date | null;

  @TimestampColumn({ nullable: true })
  revoked_at!: Date | null;
}
