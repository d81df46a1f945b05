import 'reflect-metadata';
import fc from 'fast-check';
import { AppError } from '../../../common/errors/app-error';
import { validateDto } from '../../../common/validation/validation.pipe';
import { MAX_DURATION_MS, MAX_ERROR_LENGTH, MAX_ID_LENGTH, MAX_TAG_LENGTH, MAX_TAGS } from '../domain/run';
import { MAX_COST_USD, MAX_MODELS, MAX_TOKENS } from '../domain/usage';
import { CreateRunDto, runBodyPassesFast } from './create-run.dto';

/** The same DTO without its fast check: every body takes class-transformer and class-validator. */
class FullyValidatedRunDto extends CreateRunDto {
  static override fastValidate = undefined as unknown as typeof runBodyPassesFast;
}

async function passesFull(body: Record<string, unknown>): Promise<boolean> {
  try {
    await validateDto(FullyValidatedRunDto, body);
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

const around = (n: number) => fc.constantFrom(n - 1, n, n + 1);
const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
    around(max).map((n) => 'x'.repeat(Math.max(0, n))),
    fc.constantFrom('', '\uFE0F', '😀', 'a\uFE0F'.repeat(max)),
  );
const anyJson = fc.oneof(fc.constantFrom(null, undefined, true, 0, -1, 1.5, '', 'x', [], {}), fc.jsonValue({ maxDepth: 2 }));
const timestamp = fc.oneof(
  fc.constantFrom('2026-01-15T10:00:00Z', '2026-01-15 10:00:00.123+02:00', '2024-02-30T00:00:00Z', '1969-12-31T23:59:59Z', '2026-01-15T10:00:00', 'yesterday'),
  fc.date({ min: new Date('1960-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
);
/** Each field's own generator mixes values the decorators accept with values near their limits. */
const fields: Record<string, fc.Arbitrary<unknown>> = {
  wpk_id: text(MAX_ID_LENGTH),
  run_id: text(MAX_ID_LENGTH),
  status: fc.constantFrom('running', 'completed', 'failed', 'cancelled', 'done', 'Completed'),
  inputs: anyJson,
  outputs: anyJson,
  duration_ms: fc.oneof(fc.integer({ min: -2, max: 5000 }), around(MAX_DURATION_MS), fc.constantFrom(1.5, null)),
  node_logs: fc.oneof(fc.array(anyJson, { maxLength: 3 }), fc.constant(null)),
  error: fc.oneof(text(20), around(MAX_ERROR_LENGTH).map((n) => 'e'.repeat(n)), fc.constant(null)),
  tags: fc.oneof(fc.array(text(MAX_TAG_LENGTH), { maxLength: 4 }), around(MAX_TAGS).map((n) => Array.from({ length: n }, (_, i) => `t${i}`))),
  metadata: fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), anyJson, { maxKeys: 3 }), fc.constant(null)),
  usage: fc.oneof(
    { weight: 4, arbitrary: fc.record({ input_tokens: fc.nat(10_000), output_tokens: fc.nat(10_000), cost_usd: fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constant(null)) }, { requiredKeys: [] }) },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          input_tokens: fc.oneof(fc.integer({ min: -1, max: 10_000 }), around(MAX_TOKENS), fc.constantFrom(null, 1.5, '12')),
          total_tokens: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constant(null)),
          cost_usd: fc.oneof(fc.double({ min: -1, max: 10, noNaN: true }), around(MAX_COST_USD), fc.constant(null)),
          unpriced_models: fc.oneof(fc.array(text(MAX_ID_LENGTH), { maxLength: 3 }), fc.constant(null)),
          extra: fc.constant(1),
        },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: anyJson },
  ),
  models: fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.constantFrom('gpt-4o-mini', 'claude-3-5-haiku'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(text(MAX_ID_LENGTH), { maxLength: 3 }) },
    { weight: 1, arbitrary: around(MAX_MODELS).map((n) => Array.from({ length: n }, (_, i) => `m${i}`)) },
    { weight: 1, arbitrary: anyJson },
  ),
  started_at: timestamp,
  ended_at: timestamp,
  created_at: fc.oneof(timestamp, fc.constant(null)),
};

/** The required fields plus some optional ones, then 0–2 fields replaced by any JSON or an unknown key added. */
const body = fc
  .tuple(
    fc.record({ wpk_id: fc.constant('wf'), run_id: fc.constant('r'), status: fc.constant('completed') }, { requiredKeys: ['wpk_id', 'run_id'] }),
    fc.record(fields, { requiredKeys: [] }),
    fc.array(fc.tuple(fc.constantFrom(...Object.keys(fields), 'unknown_field', '__proto__'), anyJson), { maxLength: 2 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([base, picked, mutations, mutate]) => {
    const out: Record<string, unknown> = { ...base, ...picked };
    for (const [key, value] of mutations.slice(0, mutate)) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    return out;
  });

describe('CreateRunDto fast check', () => {
  it('accepts only bodies the full validation accepts, and accepts most of the valid ones', async () => {
    let fastAccepted = 0;
    let fullAccepted = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const value = JSON.parse(JSON.stringify(b)) as Record<string, unknown>; // as a request body arrives
        const fast = runBodyPassesFast(value);
        const full = await passesFull(value);
        if (fast) fastAccepted++;
        if (full) fullAccepted++;
        // fast ⇒ full: the fast path never lets through what the decorators refuse
        return !fast || full;
      }),
      { numRuns: 3000, seed: 20261129 },
    );
    expect(fullAccepted).toBeGreaterThan(60);
    // the rest are strings over a length limit in UTF-16 units that class-validator counts as fewer
    // characters (emoji, presentation selectors): they take the full path, which accepts them
    expect(fastAccepted).toBeGreaterThan(fullAccepted * 0.5);
  });

  it('takes a typical run body, and refuses what the decorators refuse', () => {
    const ok = {
      wpk_id: 'wf', run_id: 'r1', status: 'completed', inputs: { a: 1 }, node_logs: [{ node: 'n' }], tags: ['prod'], started_at: '2026-01-15T10:00:00Z', created_at: null,
      usage: { input_tokens: 10, output_tokens: 2, cost_usd: 0.001 }, models: ['gpt-4o-mini'],
    };
    expect(runBodyPassesFast(ok)).toBe(true);
    const { status: _status, ...withoutStatus } = ok;
    expect(runBodyPassesFast(withoutStatus)).toBe(true);
    for (const bad of [{ extra: 1 }, { wpk_id: '' }, { status: 'done' }, { status: null }, { duration_ms: 1.5 }, { tags: [''] }, { metadata: [] }, { ended_at: '2026-01-15' }, { node_logs: {} },
      { usage: { input_tokens: -1 } }, { usage: { tokens: 1 } }, { usage: [] }, { usage: { cost_usd: MAX_COST_USD * 2 } }, { models: [''] }, { models: 'gpt' }]) {
      expect(runBodyPassesFast({ ...ok, ...bad })).toBe(false);
    }
  });
});
