import { mannWhitney, mannWhitneyFromRankSums, normalUpperTail, rankSums, twoProportionZTest, twoSidedP } from './statistics';

describe('normal tail', () => {
  it('matches the standard normal distribution (scipy.stats.norm.sf) to 1e-7', () => {
    expect(normalUpperTail(1)).toBeCloseTo(0.15865525393145707, 7);
    expect(normalUpperTail(-0.5)).toBeCloseTo(0.6914624612740131, 7);
    expect(twoSidedP(2.5758293035489)).toBeCloseTo(0.01, 7);
    expect(twoSidedP(-3.2)).toBeCloseTo(0.0013742758758316942, 8);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
  });
});

describe('Mann-Whitney U', () => {
  it('answers what scipy.stats.mannwhitneyu (asymptotic, continuity-corrected, two-sided) answers without ties', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14];
    const y = [3, 5, 7, 9, 11, 13, 15, 17, 19, 21];
    const r = mannWhitney(x, y)!;
    expect(r.u1).toBe(29);
    expect(r.u2).toBe(91);
    expect(r.z).toBeLessThan(0);
    expect(r.p).toBeCloseTo(0.04407409441617767, 6);
  });

  it('corrects the variance for ties as scipy does', () => {
    const x = [5, 5, 5, 6, 6, 7, 8, 8, 8, 8];
    const y = [4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7];
    const sums = rankSums(x, y);
    // pooled: 4×2 (ranks 1–2), 5×6 (3–8), 6×5 (9–13), 7×4 (14–17), 8×4 (18–21)
    expect(sums.rankSum1).toBe(3 * 5.5 + 2 * 11 + 15.5 + 4 * 19.5);
    expect(sums.tieSum).toBe(6 + 210 + 120 + 60 + 60);
    const r = mannWhitneyFromRankSums(sums)!;
    expect(r.u1).toBe(77);
    expect(r.p).toBeCloseTo(0.12047459721320847, 6);
  });

  it('has no answer for an empty side or a sample that is all one value', () => {
    expect(mannWhitney([], [1, 2])).toBeUndefined();
    expect(mannWhitney([3, 3], [3, 3, 3])).toBeUndefined();
  });

  it('finds a shift of 30 samples each side significant, and two draws of one sample not', () => {
    const before = Array.from({ length: 30 }, (_, i) => 300 + i);
    const after = Array.from({ length: 30 }, (_, i) => 320 + i);
    expect(mannWhitney(after, before)!.p).toBeLessThan(0.01);
    expect(mannWhitney(after, before)!.z).toBeGreaterThan(0);
    expect(mannWhitney(before, [...before].reverse())!.p).toBeCloseTo(1, 9);
  });
});

describe('two-proportion z-test', () => {
  it('pools the proportions: 30/200 against 10/200 is z = 10/3', () => {
    const r = twoProportionZTest(30, 200, 10, 200)!;
    expect(r.p1).toBe(0.15);
    expect(r.p2).toBe(0.05);
    expect(r.z).toBeCloseTo(10 / 3, 12);
    expect(r.p).toBeCloseTo(0.0008581206663936744, 7);
  });

  it('has no answer for an empty side or when nothing (or everything) failed', () => {
    expect(twoProportionZTest(0, 0, 1, 10)).toBeUndefined();
    expect(twoProportionZTest(0, 10, 0, 10)).toBeUndefined();
    expect(twoProportionZTest(10, 10, 5, 5)).toBeUndefined();
  });
});
