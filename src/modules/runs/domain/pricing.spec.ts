import { parsePriceTable, PriceTable, priceReported, usageOf } from './pricing';

const prices = new PriceTable({
  'gpt-4o-mini': { input_per_million: 0.15, output_per_million: 0.6 },
  'gpt-4o': { input_per_million: 2.5, output_per_million: 10 },
  'claude-3-5-haiku': { input_per_million: 0.8, output_per_million: 4 },
});
const call = (model: string | null, input: number | null, output: number | null, total: number | null = null) => ({ model, input_tokens: input, output_tokens: output, total_tokens: total });

describe('PriceTable', () => {
  it('prices by exact name, else by the longest prefix, without regard to case', () => {
    expect(prices.priceOf('gpt-4o')).toEqual({ input_per_million: 2.5, output_per_million: 10 });
    expect(prices.priceOf('gpt-4o-mini-2024-07-18')?.input_per_million).toBe(0.15);
    expect(prices.priceOf('GPT-4o-2024-08-06')?.input_per_million).toBe(2.5);
    expect(prices.priceOf('gpt-4')).toBeUndefined();
    expect(prices.cost('gpt-4o-mini', 1_000_000, 1_000_000)).toBeCloseTo(0.75, 12);
  });

  it('reads MODEL_PRICES_FILE content and names what is wrong', () => {
    expect(parsePriceTable({ m: { input_per_million: 1, output_per_million: 2 } })).toEqual({ table: { m: { input_per_million: 1, output_per_million: 2 } } });
    expect(parsePriceTable([]).error).toMatch(/JSON object/);
    expect(parsePriceTable({ m: { input_per_million: -1, output_per_million: 2 } }).error).toMatch(/"m"/);
    expect(parsePriceTable({ m: { input_per_million: 1, output_per_million: 2, currency: 'EUR' } }).error).toMatch(/unknown field "currency"/);
  });
});

describe('usageOf', () => {
  it('sums tokens of every call and the cost of the priced ones, listing the unpriced', () => {
    expect(usageOf([call('gpt-4o-mini', 1000, 200), call('gpt-4o', 100, 10), call('llama-3', 50, 5)], prices)).toEqual({
      input_tokens: 1150, output_tokens: 215, total_tokens: 1365, cost_usd: 0.00062, unpriced_models: ['llama-3'],
    });
  });

  it('never invents a cost: no table, or no priced model, gives null', () => {
    expect(usageOf([call('gpt-4o-mini', 10, 1)], undefined)).toEqual({ input_tokens: 10, output_tokens: 1, total_tokens: 11, cost_usd: null });
    expect(usageOf([call('llama-3', 10, 1), call(null, 5, 0)], prices)).toEqual({ input_tokens: 15, output_tokens: 1, total_tokens: 16, cost_usd: null, unpriced_models: ['(unnamed)', 'llama-3'] });
    expect(usageOf([], prices)).toEqual({ input_tokens: null, output_tokens: null, total_tokens: null, cost_usd: null });
  });

  it('takes a given total, and the same calls in any order give the same cost', () => {
    expect(usageOf([call('gpt-4o', 3, 4, 9)], prices).total_tokens).toBe(9);
    const calls = Array.from({ length: 50 }, (_, i) => call(i % 2 ? 'gpt-4o' : 'gpt-4o-mini', 100 + i * 7, 13 * i));
    expect(usageOf([...calls].reverse(), prices)).toEqual(usageOf(calls, prices));
  });
});

describe('priceReported (a run write without a cost)', () => {
  const u = (input: number, output: number, cost: number | null = null) => ({ input_tokens: input, output_tokens: output, total_tokens: input + output, cost_usd: cost });
  it('prices a usage naming one model, and keeps a cost the write gives', () => {
    expect(priceReported({ usage: u(1_000_000, 0), models: ['gpt-4o-mini'] }, [], prices)?.cost_usd).toBe(0.15);
    expect(priceReported({ usage: u(1_000_000, 0, 9), models: ['gpt-4o-mini'] }, [], prices)?.cost_usd).toBe(9);
    expect(priceReported({ usage: u(10, 0), models: ['gpt-4o-mini'] }, [], undefined)?.cost_usd).toBeNull();
  });

  it('prices a run of several models by its node logs when their tokens add up to the run', () => {
    const nodes = [
      { usage: u(1_000_000, 0, 0.15), models: ['gpt-4o-mini'] },
      { usage: { ...u(1000, 0), unpriced_models: ['llama-3'] }, models: ['llama-3'] },
    ];
    expect(priceReported({ usage: u(1_001_000, 0), models: ['gpt-4o-mini', 'llama-3'] }, nodes, prices)).toEqual({ ...u(1_001_000, 0, 0.15), unpriced_models: ['llama-3'] });
    // the node logs do not account for every token: nothing is priced
    expect(priceReported({ usage: u(2_000_000, 0), models: ['gpt-4o-mini', 'llama-3'] }, nodes, prices)).toEqual({ ...u(2_000_000, 0), unpriced_models: ['gpt-4o-mini', 'llama-3'] });
  });
});
