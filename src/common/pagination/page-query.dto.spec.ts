import 'reflect-metadata';
import fc from 'fast-check';
import { AppError } from '../errors/app-error';
import { AppValidationPipe } from '../validation/validation.pipe';
import { ListWorkflowsQueryDto } from '../../modules/registry/dto/list-workflows.dto';
import { ListRunsQueryDto, RunPagingQueryDto } from '../../modules/runs/dto/list-runs.dto';
import { KeysetPageQueryDto } from './page-query.dto';

const pipe = new AppValidationPipe();

/** What the full validation makes of a query: the DTO's fields, or null when it refuses it. */
async function full(metatype: typeof KeysetPageQueryDto, query: Record<string, unknown>): Promise<Record<string, unknown> | null> {
  class Slow extends metatype {
    static override fastQuery = () => undefined;
  }
  try {
    return { ...((await pipe.transform({ ...query }, { type: 'query', metatype: Slow })) as object) };
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}

const text = fc.oneof(
  fc.constantFrom('', '0', '1', '20', '020', '200', '201', '999', '1000', '-1', '1.5', '1e2', ' 20', '20 ', 'abc'),
  fc.integer({ min: -5, max: 300 }).map(String),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(2047, 2048, 2049).map((n) => 'c'.repeat(n)),
);
const query = fc.dictionary(fc.constantFrom('limit', 'cursor', 'status', 'page', 'owner', 'unknown'), fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { maxLength: 2 }) }), { maxKeys: 3 });

describe('KeysetPageQueryDto fast query', () => {
  for (const metatype of [KeysetPageQueryDto, RunPagingQueryDto, ListRunsQueryDto, ListWorkflowsQueryDto]) {
    it(`${metatype.name}: converts exactly what the decorators accept, to the same fields`, async () => {
      let taken = 0;
      await fc.assert(
        fc.asyncProperty(query, async (q) => {
          const fast = metatype.fastQuery(q);
          if (fast === undefined) return true;
          taken++;
          const dto = await pipe.transform({ ...q }, { type: 'query', metatype });
          expect(dto).toBeInstanceOf(metatype);
          expect({ ...(dto as object) }).toEqual(await full(metatype, q));
          return true;
        }),
        { numRuns: 1500, seed: 20261129 },
      );
      expect(taken).toBeGreaterThan(100);
    });
  }

  it('takes the everyday queries and leaves the rest to the full validation', () => {
    expect(KeysetPageQueryDto.fastQuery({})).toEqual({});
    expect(KeysetPageQueryDto.fastQuery({ limit: '20', cursor: 'abc' })).toEqual({ limit: 20, cursor: 'abc' });
    for (const q of [{ limit: '0' }, { limit: '201' }, { limit: '1.5' }, { limit: ['1', '2'] }, { cursor: '' }, { status: 'failed' }]) {
      expect(KeysetPageQueryDto.fastQuery(q)).toBeUndefined();
    }
  });
});
