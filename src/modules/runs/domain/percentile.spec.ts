import { nearestRank, nearestRankOffset } from './percentile';

describe('nearest-rank percentile', () => {
  it('picks rank ceil(p·n), at least 1', () => {
    expect(nearestRankOffset(0.5, 1)).toBe(0);
    expect(nearestRankOffset(0.5, 4)).toBe(1);
    expect(nearestRankOffset(0.5, 5)).toBe(2);
    expect(nearestRankOffset(0.95, 20)).toBe(18);
    expect(nearestRankOffset(0.95, 21)).toBe(19);
    expect(nearestRankOffset(0.95, 100)).toBe(94);
    expect(nearestRankOffset(1, 7)).toBe(6);
    expect(nearestRankOffset(0, 7)).toBe(0);
    expect(nearestRankOffset(0.5, 0)).toBeUndefined();
  });

  it('answers values of a sorted list, null for none', () => {
    const values = [15, 20, 35, 40, 50];
    expect(nearestRank(values, 0.05)).toBe(15);
    expect(nearestRank(values, 0.3)).toBe(20);
    expect(nearestRank(values, 0.4)).toBe(20);
    expect(nearestRank(values, 0.5)).toBe(35);
    expect(nearestRank(values, 1)).toBe(50);
    expect(nearestRank([], 0.5)).toBeNull();
  });

  it('refuses nonsense', () => {
    expect(() => nearestRankOffset(1.5, 3)).toThrow(RangeError);
    expect(() => nearestRankOffset(Number.NaN, 3)).toThrow(RangeError);
    expect(() => nearestRankOffset(0.5, -1)).toThrow(RangeError);
  });
});
