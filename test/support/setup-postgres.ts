import { testDatabaseUrl } from './pg';

process.env.NEURALOPS_TEST_DRIVER = 'postgres';
process.env.DATABASE_URL = testDatabaseUrl();
delete process.env.POSTGRES_DSN;
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
