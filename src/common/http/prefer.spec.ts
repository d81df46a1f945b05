import { prefersMinimalReturn } from './prefer';

describe('prefersMinimalReturn', () => {
  it.each([
    ['return=minimal', true],
    ['Return=Minimal', true],
    ['return="minimal"', true],
    [' respond-async , return=minimal ; foo=bar', true],
    [['wait=10', 'return=minimal'], true],
    [undefined, false],
    ['', false],
    ['return=representation', false],
    ['return', false],
    ['returns=minimal', false],
    ['handling=lenient; return=minimal', false],
    ['minimal', false],
  ] as Array<[string | string[] | undefined, boolean]>)('%j → %s', (header, expected) => {
    expect(prefersMinimalReturn(header)).toBe(expected);
  });
});
