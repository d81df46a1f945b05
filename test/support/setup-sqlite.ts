process.env.NEURALOPS_TEST_DRIVER = 'sqlite';
delete process.env.DATABASE_URL;
delete process.env.POSTGRES_DSN;
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
