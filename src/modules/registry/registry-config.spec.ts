import { ConfigError, loadConfig } from '../../config/config';

describe('REGISTRY_AUTO_REGISTER', () => {
  it('defaults to true', () => {
    expect(loadConfig({}).registryAutoRegister).toBe(true);
    expect(loadConfig({ REGISTRY_AUTO_REGISTER: '' }).registryAutoRegister).toBe(true);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['TRUE', true],
    ['false', false],
    ['0', false],
    [' False ', false],
  ])('parses %j as %s', (raw, expected) => {
    expect(loadConfig({ REGISTRY_AUTO_REGISTER: raw }).registryAutoRegister).toBe(expected);
  });

  it.each(['yes', 'no', 'on', 'off', '2', 'tru'])('refuses %j, naming the variable', (raw) => {
    expect(() => loadConfig({ REGISTRY_AUTO_REGISTER: raw })).toThrow(ConfigError);
    expect(() => loadConfig({ REGISTRY_AUTO_REGISTER: raw })).toThrow(/^REGISTRY_AUTO_REGISTER: /);
  });
});
