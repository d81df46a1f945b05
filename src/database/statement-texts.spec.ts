import { StatementTexts } from './statement-texts';

describe('StatementTexts', () => {
  it('builds once per distinct parts and gives back the kept text', () => {
    const texts = new StatementTexts();
    let builds = 0;
    const build = (parts: string[]) => texts.get(parts, () => (builds++, parts.join(' | ')));
    const first = build(['one', 'a']);
    expect(build(['one', 'a'])).toBe(first);
    expect(build(['one', `${'a'}`])).toBe(first);
    expect(build(['one', 'b'])).toBe('one | b');
    expect(build(['one'])).toBe('one');
    expect(build(['one', 'a', ''])).toBe('one | a | ');
    expect(builds).toBe(4);
  });

  it('stops keeping texts at its limit but still answers them', () => {
    const texts = new StatementTexts(2);
    let builds = 0;
    const get = (p: string) => texts.get([p], () => (builds++, `text ${p}`));
    expect([get('a'), get('b'), get('c'), get('c'), get('a')]).toEqual(['text a', 'text b', 'text c', 'text c', 'text a']);
    expect(builds).toBe(4);
  });
});
