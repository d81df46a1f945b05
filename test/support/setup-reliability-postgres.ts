// Entities are declared for PostgreSQL; each test points DATABASE_URL at its own throwaway cluster.
process.env.NEURALOPS_TEST_DRIVER = 'postgres';
process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/placeholder';
delete process.env.POSTGRES_DSN;
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
